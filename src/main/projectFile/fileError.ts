/** Why a project file was refused: one of these, and a message that says it in words. */
export type ProjectFileProblem = 'unreadable' | 'too_large' | 'not_tandem' | 'damaged' | 'newer' | 'tampered';

export class ProjectFileError extends Error {
  constructor(
    readonly problem: ProjectFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectFileError';
  }
}
