import { SqlInvoices } from '../../billing/infrastructure/sql-invoices';
import { schema } from '../../shared/infrastructure/schema';
export const SqlOrders = { SqlInvoices, schema };
