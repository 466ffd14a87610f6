import { Invoice } from '../../billing/domain/invoice';
export const uses = Invoice;
