import { AppError } from '../../../shared/contract/define';
import { NotDurableError } from './atomicWrite';

/** What an errno means to an analyst. Node's own text ("ENOSPC: no space left on device, open …") never reaches them. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the workspace folder is read-only',
  EACCES: 'Briefdesk has no permission to do that there',
  EPERM: 'the system does not allow that there',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open at once',
  ENAMETOOLONG: 'the name is too long for the file system',
  ELOOP: 'it is a symbolic link, which Briefdesk never follows',
  ENOTDIR: 'part of its path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EBUSY: 'another program is using it',
  ETXTBSY: 'another program is using it',
  EAGAIN: 'the file system asked to try again later',
  EXDEV: 'it lies on another disk',
  ENOTEMPTY: 'the folder is not empty',
  ENXIO: 'it is a device or a pipe, not a file',
  ESTALLED: 'the disk stopped accepting data',
  ESIZE: 'the file on disk did not come out the size that was written',
};

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The reason in words for an fs error, or undefined for one we have no words for. */
export function errnoWords(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code ? ERRNO_WORDS[code] : undefined;
}

/**
 * Turns an fs failure into an AppError an analyst can act on: `what` names the thing ("The brief Hanoi"), `doing`
 * the action ("could not be saved"). AppErrors pass through unchanged.
 */
export function ioError(error: unknown, what: string, doing: string, reassurance = ''): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof NotDurableError) {
    return new AppError('io_error', `${what} was written, but the disk could not confirm it is stored safely: ${wordsFor(error.cause)}. Save again to be sure.`);
  }
  if (errnoCode(error) === 'ENOENT') return new AppError('not_found', `${what} does not exist.`);
  return new AppError('io_error', `${what} ${doing}: ${wordsFor(error)}.${reassurance ? ` ${reassurance}` : ''}`);
}

function wordsFor(error: unknown): string {
  return errnoWords(error) ?? `the system reported ${errnoCode(error) ?? 'an unexpected error'}`;
}
