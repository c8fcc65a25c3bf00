import type { gridExportContract } from '@shared/ipc/contract/grid-export';
import { signedIn, type HandlerSlice } from './types';

export const gridExportHandlers: HandlerSlice<keyof typeof gridExportContract> = {
  'grids.export': async (input, call) => {
    const user = signedIn(call);
    const { fileName, bytes, rows } = await call.services.gridExport.export(call.actor, { displayName: user.display_name, role: user.role }, input);
    return { fileName, base64: bytes.toString('base64'), rows };
  },
};
