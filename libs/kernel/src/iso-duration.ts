/** ISO-8601 durations such as P7D, PT1H, P1DT12H, PT30M; at least one component, none negative. */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function isIsoDuration(value: unknown): value is string {
  return typeof value === 'string' && ISO_DURATION.test(value);
}
