// What every classifier in this package returns: a label with its confidence, where it came from
// and the terms that drove it, so a case field can record and explain each prediction.

export interface TermWeight {
  term: string;
  weight: number;
}

export interface Prediction {
  label: string;
  /** Probability-like confidence in [0, 1]. */
  confidence: number;
  /** 'model' for a trained classifier, 'rule' for an admin keyword rule. */
  source: 'model' | 'rule';
  /** The model's version (set when it was trained) when the source is a model. */
  modelVersion?: string;
  /** The terms that drove the prediction, strongest first (matched keywords for a rule). */
  topFeatures: TermWeight[];
  /** Every label with its confidence, most likely first. */
  alternatives: { label: string; confidence: number }[];
}
