import { AppError } from '../../../shared/contract/define';

/**
 * The value of `work`, or an io_error in `message` if it takes longer than `ms`. A network share or a kernel folder
 * can take forever to answer; the call returns, and whatever `work` yields later is handed to `discardLate`.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string, discardLate: (late: T) => void): Promise<T> {
  let timedOut = false;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new AppError('io_error', message));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) discardLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
