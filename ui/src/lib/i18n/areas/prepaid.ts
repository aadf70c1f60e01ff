// The words of the prepaid area: Vietnamese first; English has the same keys (the type checks it).
export const vi = {} as const;

export const en: Record<keyof typeof vi, string> = {};
