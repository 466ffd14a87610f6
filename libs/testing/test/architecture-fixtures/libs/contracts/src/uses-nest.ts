import { Controller } from '@nestjs/common';
export const uses = Controller;
