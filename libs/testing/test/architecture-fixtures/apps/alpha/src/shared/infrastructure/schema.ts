export const schema = 'alpha';
