export const SqlInvoices = 'invoices';
