// Apart from the decorator that sets it, so that the guard reading it and the decorator naming the
// guard do not import each other.
export const REQUIRED_ROLES = 'envrefresh:required-roles';
