import { order } from '../domain/order';
import { SqlOrders } from '../infrastructure/sql-orders';
export const placeOrder = { order, SqlOrders };
