export const Invoice = 'invoice';
