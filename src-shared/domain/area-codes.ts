/**
 * US telephone area codes -> the IANA time zone(s) a number with that code may be in, for the calling-hours
 * rule (Reg F 1006.6(b)(1)(i): a collector who knows, or should know, that the phone's area code suggests
 * another time zone than the address must treat a call as inconvenient unless it is convenient in all).
 *
 * Written by hand from the North American Numbering Plan assignments by state (geographic codes and their
 * overlays, as of 2025). Where an area code's territory spans a time-zone line it maps to every zone it
 * touches, so that the check is conservative (e.g. Florida's 850 panhandle: Eastern and Central; Idaho 208:
 * Mountain and Pacific; Arizona 928: the Navajo Nation keeps daylight time). See docs/compliance.md.
 *
 * Limits: non-geographic codes (800, 888, 500, 900, ...), Canadian and Caribbean codes other than US
 * territories, and any code missing from this table are "unknown": they do not narrow the window (the
 * address's zone still applies). A mobile number keeps its area code when its owner moves; that is exactly
 * why the rule takes the intersection of all the zones.
 */

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';
const AZ = 'America/Phoenix';
const AK = 'America/Anchorage';
const HST = 'Pacific/Honolulu';
const BOISE = 'America/Boise';
const DETROIT = 'America/Detroit';
const INDY = 'America/Indiana/Indianapolis';

interface StateCodes {
  /** The zone for every code of the state unless listed in `split`. */
  zone: string;
  codes: number[];
  /** Codes whose territory spans more than one zone (or lies wholly in another zone than the state's). */
  split?: Record<number, string[]>;
}

/** By state (USPS code). */
export const areaCodesByState: Readonly<Record<string, StateCodes>> = {
  AL: { zone: CT, codes: [205, 251, 256, 334, 659, 938] },
  AK: { zone: AK, codes: [907], split: { 907: [AK, 'America/Adak'] } },
  AZ: { zone: AZ, codes: [480, 520, 602, 623, 928], split: { 928: [AZ, MT] } }, // 928: Navajo Nation observes DST
  AR: { zone: CT, codes: [327, 479, 501, 870] },
  CA: {
    zone: PT,
    codes: [
      209, 213, 279, 310, 323, 341, 350, 369, 408, 415, 424, 442, 510, 530, 559, 562, 619, 626, 628, 650, 657, 661, 669, 707, 714, 747, 760, 805, 818, 820, 831,
      840, 858, 909, 916, 925, 949, 951,
    ],
  },
  CO: { zone: MT, codes: [303, 719, 720, 970, 983] },
  CT: { zone: ET, codes: [203, 475, 860, 959] },
  DE: { zone: ET, codes: [302] },
  DC: { zone: ET, codes: [202, 771] },
  FL: {
    zone: ET,
    codes: [239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 754, 772, 786, 813, 850, 863, 904, 941, 954],
    split: { 850: [ET, CT], 448: [ET, CT] }, // the panhandle west of the Apalachicola River is Central
  },
  GA: { zone: ET, codes: [229, 404, 470, 478, 678, 706, 762, 770, 912, 943] },
  HI: { zone: HST, codes: [808] },
  ID: { zone: BOISE, codes: [208, 986], split: { 208: [BOISE, PT], 986: [BOISE, PT] } }, // the panhandle is Pacific
  IL: { zone: CT, codes: [217, 224, 309, 312, 331, 447, 464, 618, 630, 708, 730, 773, 779, 815, 847, 861, 872] },
  IN: {
    zone: INDY,
    codes: [219, 260, 317, 463, 574, 765, 812, 930],
    // 219: the northwest (Gary) is Central; 574: Starke County is Central; 812/930: the southwest (Evansville) is Central.
    split: { 219: [CT], 574: [INDY, CT], 812: [INDY, CT], 930: [INDY, CT] },
  },
  IA: { zone: CT, codes: [319, 515, 563, 641, 712] },
  KS: { zone: CT, codes: [316, 620, 785, 913], split: { 620: [CT, MT], 785: [CT, MT] } }, // four western counties are Mountain
  KY: {
    zone: ET,
    codes: [270, 364, 502, 606, 859],
    split: { 270: [CT, ET], 364: [CT, ET], 606: [ET, CT] }, // the west is Central; three south-central counties of 606 too
  },
  LA: { zone: CT, codes: [225, 318, 337, 504, 985] },
  ME: { zone: ET, codes: [207] },
  MD: { zone: ET, codes: [227, 240, 301, 410, 443, 667] },
  MA: { zone: ET, codes: [339, 351, 413, 508, 617, 774, 781, 857, 978] },
  MI: { zone: DETROIT, codes: [231, 248, 269, 313, 517, 586, 616, 679, 734, 810, 906, 947, 989], split: { 906: [DETROIT, CT] } }, // four UP counties are Central
  MN: { zone: CT, codes: [218, 320, 507, 612, 651, 763, 924, 952] },
  MS: { zone: CT, codes: [228, 601, 662, 769] },
  MO: { zone: CT, codes: [235, 314, 417, 557, 573, 636, 660, 816, 975] },
  MT: { zone: MT, codes: [406] },
  NE: { zone: CT, codes: [308, 402, 531], split: { 308: [CT, MT] } }, // the western panhandle is Mountain
  NV: { zone: PT, codes: [702, 725, 775], split: { 775: [PT, MT] } }, // West Wendover keeps Mountain time
  NH: { zone: ET, codes: [603] },
  NJ: { zone: ET, codes: [201, 551, 609, 640, 732, 848, 856, 862, 908, 973] },
  NM: { zone: MT, codes: [505, 575] },
  NY: { zone: ET, codes: [212, 315, 329, 332, 347, 363, 516, 518, 585, 607, 624, 631, 646, 680, 716, 718, 838, 845, 914, 917, 929, 934] },
  NC: { zone: ET, codes: [252, 336, 472, 704, 743, 828, 910, 919, 980, 984] },
  ND: { zone: CT, codes: [701], split: { 701: [CT, MT] } }, // the southwest is Mountain
  OH: { zone: ET, codes: [216, 220, 234, 283, 326, 330, 380, 419, 436, 440, 513, 567, 614, 740, 937] },
  OK: { zone: CT, codes: [405, 539, 572, 580, 918] },
  OR: { zone: PT, codes: [458, 503, 541, 971], split: { 541: [PT, BOISE], 458: [PT, BOISE] } }, // Malheur County is Mountain
  PA: { zone: ET, codes: [215, 223, 267, 272, 412, 445, 484, 570, 582, 610, 717, 724, 814, 835, 878] },
  RI: { zone: ET, codes: [401] },
  SC: { zone: ET, codes: [803, 821, 839, 843, 854, 864] },
  SD: { zone: CT, codes: [605], split: { 605: [CT, MT] } }, // the west is Mountain
  TN: { zone: CT, codes: [423, 615, 629, 731, 865, 901, 931], split: { 423: [ET, CT], 865: [ET] } }, // the east is Eastern
  TX: {
    zone: CT,
    codes: [210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 726, 737, 806, 817, 830, 832, 903, 915, 936, 940, 945, 956, 972, 979],
    split: { 915: [MT, CT] }, // El Paso and Hudspeth counties are Mountain
  },
  UT: { zone: MT, codes: [385, 435, 801] },
  VT: { zone: ET, codes: [802] },
  VA: { zone: ET, codes: [276, 434, 540, 571, 686, 703, 757, 804, 826, 948] },
  WA: { zone: PT, codes: [206, 253, 360, 425, 509, 564] },
  WV: { zone: ET, codes: [304, 681] },
  WI: { zone: CT, codes: [262, 274, 353, 414, 534, 608, 715, 920] },
  WY: { zone: MT, codes: [307] },
  PR: { zone: 'America/Puerto_Rico', codes: [787, 939] },
  VI: { zone: 'America/St_Thomas', codes: [340] },
  GU: { zone: 'Pacific/Guam', codes: [671] },
  AS: { zone: 'Pacific/Pago_Pago', codes: [684] },
  MP: { zone: 'Pacific/Saipan', codes: [670] },
};

interface AreaCodeInfo {
  state: string;
  zones: readonly string[];
}

const byCode: ReadonlyMap<string, AreaCodeInfo> = (() => {
  const m = new Map<string, AreaCodeInfo>();
  for (const [state, s] of Object.entries(areaCodesByState)) {
    for (const code of s.codes) {
      const key = String(code);
      if (m.has(key)) throw new Error(`area code ${key} listed twice (${m.get(key)!.state}, ${state})`);
      m.set(key, { state, zones: s.split?.[code] ?? [s.zone] });
    }
  }
  return m;
})();

/** Every area code in the table (for tests and documentation). */
export const knownAreaCodes = (): string[] => [...byCode.keys()].sort();

/**
 * The 3-digit area code of a US/NANP number ("+1 (415) 555-0100" -> "415"), or null when the number is not
 * a 10-digit NANP number (optionally with the leading 1).
 */
export function areaCodeOf(phone: string): string | null {
  let d = phone.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('1')) d = d.slice(1);
  if (d.length !== 10 || !/^[2-9]/.test(d)) return null;
  return d.slice(0, 3);
}

/** The area code's state and zone(s), or null when the code is unknown (it then does not narrow anything). */
export function areaCodeInfo(phone: string): AreaCodeInfo | null {
  const code = areaCodeOf(phone);
  return code ? (byCode.get(code) ?? null) : null;
}

/** The IANA zones a number's area code may be in; [] when unknown. */
export function zonesForPhone(phone: string): readonly string[] {
  return areaCodeInfo(phone)?.zones ?? [];
}
