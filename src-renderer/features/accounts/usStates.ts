/** US states, DC and territories, for address pickers (the codes match usStateTimeZones). */
export const usStates: { value: string; label: string }[] = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'], ['CT', 'Connecticut'],
  ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'],
  ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'],
  ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'],
  ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'],
  ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'],
  ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'], ['PR', 'Puerto Rico'], ['VI', 'U.S. Virgin Islands'],
  ['GU', 'Guam'], ['AS', 'American Samoa'], ['MP', 'Northern Mariana Islands'],
].map(([value, label]) => ({ value: value!, label: `${label} (${value})` }));

/** IANA zones offered for an account; the state's zone is suggested, any of these may be chosen. */
export const accountTimeZones = [
  { value: 'America/New_York', label: 'Eastern — America/New_York' },
  { value: 'America/Detroit', label: 'Eastern — America/Detroit' },
  { value: 'America/Indiana/Indianapolis', label: 'Eastern — America/Indiana/Indianapolis' },
  { value: 'America/Chicago', label: 'Central — America/Chicago' },
  { value: 'America/Denver', label: 'Mountain — America/Denver' },
  { value: 'America/Boise', label: 'Mountain — America/Boise' },
  { value: 'America/Phoenix', label: 'Mountain, no DST — America/Phoenix' },
  { value: 'America/Los_Angeles', label: 'Pacific — America/Los_Angeles' },
  { value: 'America/Anchorage', label: 'Alaska — America/Anchorage' },
  { value: 'Pacific/Honolulu', label: 'Hawaii — Pacific/Honolulu' },
  { value: 'America/Puerto_Rico', label: 'Atlantic — America/Puerto_Rico' },
  { value: 'America/St_Thomas', label: 'Atlantic — America/St_Thomas' },
  { value: 'Pacific/Guam', label: 'Chamorro — Pacific/Guam' },
  { value: 'Pacific/Saipan', label: 'Chamorro — Pacific/Saipan' },
  { value: 'Pacific/Pago_Pago', label: 'Samoa — Pacific/Pago_Pago' },
];

export const commonTerms = ['Due on receipt', 'Net 10', 'Net 15', 'Net 30', 'Net 45', 'Net 60', '2/10 Net 30', '1/10 Net 30'];
