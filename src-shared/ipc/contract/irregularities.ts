import { irregularitiesQuerySchema, irregularitySettingsPatchSchema, type IrregularitiesReport, type IrregularitySettings } from '../../domain/irregularities';
import { endpoint } from '../endpoint';

/** The specialist's discrepancy view (docs/money-in.md, Irregularities) and its days per check. */
export const irregularitiesContract = {
  'irregularities.get': endpoint(irregularitiesQuerySchema).returns<IrregularitiesReport>(),
  'irregularities.saveSettings': endpoint(irregularitySettingsPatchSchema).returns<IrregularitySettings>(),
};
