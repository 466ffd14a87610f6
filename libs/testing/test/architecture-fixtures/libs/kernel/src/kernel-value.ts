export const kernelValue = 1;
