export { hasPersonalData, maskPersonalData } from "./mask-personal-data.js";
export type { MaskedText, PersonalDataItem, PersonalDataKind } from "./personal-data.js";
export { isValidSnils, passesLuhn } from "./checksums.js";
export { staffView, staffViewWithSpans, type TextSpan } from "./staff-view.js";
