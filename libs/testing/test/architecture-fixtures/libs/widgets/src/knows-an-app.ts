import { ledger } from '../../../apps/beta/src/ledger/domain/ledger';
export const knows = ledger;
