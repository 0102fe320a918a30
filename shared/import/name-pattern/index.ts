export {
  MAX_PATTERN_LENGTH,
  parseNamePattern,
  patternPlaceholders,
  patternTextFields,
  type DatePart,
  type NamePattern,
  type NamePatternError,
  type ParsedNamePattern,
  type PatternField,
  type PatternPlaceholder,
  type PatternToken,
} from './parse';
export { daysInMonth, matchFileName, type NameMatch } from './match';
export { describeNamePatternError } from './messages';
