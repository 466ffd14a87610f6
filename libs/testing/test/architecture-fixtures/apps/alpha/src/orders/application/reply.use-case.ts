import { OrdersController } from '../interface/orders.controller';
export const reply = OrdersController;
