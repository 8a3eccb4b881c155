/** How the robots write numbers for Brazilian customers (catalogue items shown to the AI). */
const reaisFormat = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const numberFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 2 });

/** 118900 → "R$ 118.900,00" */
export const formatReais = (value: number) => reaisFormat.format(value);
/** 32000 → "32.000"; 68.5 → "68,5" */
export const formatNumber = (value: number) => numberFormat.format(value);
