// The reader's self-assessment: answer controls, progress, export and import,
// the action plan and the team view. (Being written.)
