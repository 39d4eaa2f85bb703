import type { Coercion, ScalarCoercion } from './coercion.js';

/** The outcome of coercing one value; `field` names a failing property. */
export type Coerced =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly field?: string };

const NUMBER_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Converts request strings as `coercion` says. Values that are not strings
 * (already parsed JSON, absent values) are left for the validator to judge.
 */
export function coerceValue(raw: unknown, coercion: Coercion | undefined): Coerced {
  if (raw === undefined || coercion === undefined) return { ok: true, value: raw };

  if (coercion.kind === 'scalar') return coerceScalar(raw, coercion.to);

  if (typeof raw !== 'object' || raw === null) return { ok: true, value: raw };

  const value: Record<string, unknown> = { ...raw };

  for (const [field, to] of Object.entries(coercion.properties)) {
    const result = coerceScalar(value[field], to);
    if (!result.ok) return { ...result, field };
    value[field] = result.value;
  }

  return { ok: true, value };
}

function coerceScalar(raw: unknown, to: ScalarCoercion): Coerced {
  if (raw === undefined || typeof raw === 'number' || typeof raw === 'boolean') {
    return { ok: true, value: raw };
  }

  if (typeof raw !== 'string') return { ok: false, message: 'Expected a single value.' };

  if (to === 'number') {
    return NUMBER_PATTERN.test(raw)
      ? { ok: true, value: Number(raw) }
      : { ok: false, message: 'Expected a number.' };
  }

  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };

  return { ok: false, message: 'Expected true or false.' };
}
