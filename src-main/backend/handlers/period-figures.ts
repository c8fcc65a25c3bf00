import type { periodFiguresContract } from '@shared/ipc/contract/period-figures';
import type { HandlerSlice } from './types';

export const periodFiguresHandlers: HandlerSlice<keyof typeof periodFiguresContract> = {
  'reports.periodFigures': (input, { services }) => services.periodFigures.figures(input),
};
