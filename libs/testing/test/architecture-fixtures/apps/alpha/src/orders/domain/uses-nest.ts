import { Injectable } from '@nestjs/common';
export const uses = Injectable;
