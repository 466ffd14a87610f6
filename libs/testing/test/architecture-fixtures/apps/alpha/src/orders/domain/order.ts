import { Invoice } from '../../billing/domain';
import { kernelValue } from '../../../../../libs/kernel/src/kernel-value';
export const order = { invoice: Invoice, kernelValue };
