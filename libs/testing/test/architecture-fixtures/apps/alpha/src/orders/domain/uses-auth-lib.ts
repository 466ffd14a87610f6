import { authenticate } from '../../../../../libs/auth/src/authenticate';
export const uses = authenticate;
