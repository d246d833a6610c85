// The CLI reads and writes cards with the same code as the extension's options page (shared/transfer).
export { CARD_CSV_HEADER, cardCsvRows } from '../../shared/transfer/card-csv';
export {
  type CardDraft,
  type DraftResult,
  draftFromValues,
  draftsFromCsv,
  draftsFromVcard,
} from '../../shared/transfer/card-draft';
export { mapHeader } from '../../shared/transfer/columns';
