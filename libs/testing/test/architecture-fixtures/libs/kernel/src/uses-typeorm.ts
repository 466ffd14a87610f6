import { DataSource } from 'typeorm';
export const uses = DataSource;
