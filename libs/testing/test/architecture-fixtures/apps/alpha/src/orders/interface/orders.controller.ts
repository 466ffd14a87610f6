export const OrdersController = 'orders';
