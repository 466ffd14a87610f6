import { ledger } from '../../../../../../../beta/src/ledger/domain/ledger';
export const reaches = ledger;
