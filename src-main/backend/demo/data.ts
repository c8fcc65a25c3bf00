/** Reference data for a believable office: names, places (with their area codes), a price list. */

export const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica',
  'Thomas', 'Sarah', 'Christopher', 'Karen', 'Charles', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley',
  'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah',
  'Timothy', 'Stephanie', 'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy', 'Jacob', 'Amy', 'Gary', 'Kathleen',
  'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma', 'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn', 'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia',
  'Luis', 'Sofia', 'Carlos', 'Camila', 'Jose', 'Valentina', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Arjun', 'Priya', 'Mohammed', 'Fatima', 'Kwame', 'Amara', 'Dmitri', 'Olga',
];

export const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas',
  'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy',
  'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers',
  'Long', 'Ross', 'Foster', 'Jimenez', "O'Brien", 'McAllister', 'Kowalski', 'Nakamura', 'Okafor', 'Schmidt', 'Novak', 'Haddad', 'Larsen', 'Chen', 'Wang', 'Singh',
];

export const businessStems = [
  'Lakeside', 'Riverbend', 'Summit', 'Prairie', 'Oakwood', 'Maple Grove', 'Northside', 'Heartland', 'Cedar Ridge', 'Bluewater', 'Pinecrest', 'Harbor', 'Meadowbrook',
  'Silver Creek', 'Granite', 'Evergreen', 'Sunrise', 'Westfield', 'Fox Valley', 'Ironwood', 'Golden Gate', 'Canyon', 'Redwood', 'Liberty', 'Union', 'Pioneer', 'Keystone',
];
export const businessKinds = [
  'Family Practice', 'Pediatrics', 'Orthopedics', 'Dermatology', 'Physical Therapy', 'Dental Group', 'Urgent Care', 'Cardiology Associates', 'Eye Care', 'Chiropractic',
  'Imaging Center', 'Behavioral Health', 'Women\u2019s Health', 'Podiatry', 'Allergy & Asthma', 'Sleep Center', 'Surgical Associates', 'Home Health', 'Pharmacy', 'Medical Supply',
];
export const businessSuffixes = ['LLC', 'PC', 'Inc.', 'PLLC', 'Group', 'Associates', 'P.A.', ''];

export const streetNames = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Pine', 'Walnut', 'Sunset', 'Lincoln', 'Jackson', 'River', 'Highland', 'Church', 'Mill',
  'Franklin', 'Spring', 'Chestnut', 'Willow', 'Madison', 'Prospect', 'Ridge', 'Meadow', 'Forest', 'Jefferson', 'Center', 'Broad',
];
export const streetSuffixes = ['St', 'Ave', 'Rd', 'Blvd', 'Dr', 'Ln', 'Ct', 'Way', 'Pl'];

/** Places across US states and time zones, each with its ZIP prefix and area codes. */
export interface Place {
  city: string;
  state: string;
  zip: string;
  areaCodes: string[];
}
export const places: readonly (readonly [Place, number])[] = [
  // The office is in Illinois: most customers are local.
  [{ city: 'Springfield', state: 'IL', zip: '627', areaCodes: ['217'] }, 30],
  [{ city: 'Chicago', state: 'IL', zip: '606', areaCodes: ['312', '773', '872'] }, 20],
  [{ city: 'Peoria', state: 'IL', zip: '616', areaCodes: ['309'] }, 8],
  [{ city: 'St. Louis', state: 'MO', zip: '631', areaCodes: ['314'] }, 6],
  [{ city: 'Indianapolis', state: 'IN', zip: '462', areaCodes: ['317'] }, 3],
  [{ city: 'Milwaukee', state: 'WI', zip: '532', areaCodes: ['414'] }, 3],
  [{ city: 'Minneapolis', state: 'MN', zip: '554', areaCodes: ['612'] }, 2],
  [{ city: 'Houston', state: 'TX', zip: '770', areaCodes: ['713', '832'] }, 3],
  [{ city: 'Dallas', state: 'TX', zip: '752', areaCodes: ['214', '469'] }, 2],
  [{ city: 'Nashville', state: 'TN', zip: '372', areaCodes: ['615'] }, 2],
  [{ city: 'New York', state: 'NY', zip: '100', areaCodes: ['212', '646'] }, 2],
  [{ city: 'Boston', state: 'MA', zip: '021', areaCodes: ['617'] }, 1],
  [{ city: 'Atlanta', state: 'GA', zip: '303', areaCodes: ['404', '678'] }, 2],
  [{ city: 'Miami', state: 'FL', zip: '331', areaCodes: ['305', '786'] }, 2],
  [{ city: 'Tampa', state: 'FL', zip: '336', areaCodes: ['813'] }, 1],
  [{ city: 'Columbus', state: 'OH', zip: '432', areaCodes: ['614'] }, 1],
  [{ city: 'Detroit', state: 'MI', zip: '482', areaCodes: ['313'] }, 1],
  [{ city: 'Charlotte', state: 'NC', zip: '282', areaCodes: ['704'] }, 1],
  [{ city: 'Philadelphia', state: 'PA', zip: '191', areaCodes: ['215', '267'] }, 1],
  [{ city: 'Denver', state: 'CO', zip: '802', areaCodes: ['303', '720'] }, 2],
  [{ city: 'Phoenix', state: 'AZ', zip: '850', areaCodes: ['602', '480'] }, 2],
  [{ city: 'Salt Lake City', state: 'UT', zip: '841', areaCodes: ['801'] }, 1],
  [{ city: 'Boise', state: 'ID', zip: '837', areaCodes: ['208'] }, 1],
  [{ city: 'Los Angeles', state: 'CA', zip: '900', areaCodes: ['213', '310', '323'] }, 2],
  [{ city: 'San Diego', state: 'CA', zip: '921', areaCodes: ['619', '858'] }, 1],
  [{ city: 'Seattle', state: 'WA', zip: '981', areaCodes: ['206'] }, 1],
  [{ city: 'Portland', state: 'OR', zip: '972', areaCodes: ['503'] }, 1],
  [{ city: 'Las Vegas', state: 'NV', zip: '891', areaCodes: ['702'] }, 1],
  [{ city: 'Anchorage', state: 'AK', zip: '995', areaCodes: ['907'] }, 0.3],
  [{ city: 'Honolulu', state: 'HI', zip: '968', areaCodes: ['808'] }, 0.3],
];
export const allAreaCodes = [...new Set(places.flatMap(([p]) => p.areaCodes))];

/** The price list: office visit CPT codes for the medical side, general service items for business clients. */
export interface PriceItem {
  code: string;
  codeSystem: 'item' | 'cpt' | 'hcpcs';
  description: string;
  unitPriceCents: number;
  taxRateBp: number;
}
export const priceList: PriceItem[] = [
  { code: '99202', codeSystem: 'cpt', description: 'Office visit, new patient, straightforward', unitPriceCents: 9500, taxRateBp: 0 },
  { code: '99203', codeSystem: 'cpt', description: 'Office visit, new patient, low complexity', unitPriceCents: 14000, taxRateBp: 0 },
  { code: '99204', codeSystem: 'cpt', description: 'Office visit, new patient, moderate complexity', unitPriceCents: 21000, taxRateBp: 0 },
  { code: '99212', codeSystem: 'cpt', description: 'Office visit, established patient, straightforward', unitPriceCents: 7500, taxRateBp: 0 },
  { code: '99213', codeSystem: 'cpt', description: 'Office visit, established patient, low complexity', unitPriceCents: 11000, taxRateBp: 0 },
  { code: '99214', codeSystem: 'cpt', description: 'Office visit, established patient, moderate complexity', unitPriceCents: 16500, taxRateBp: 0 },
  { code: '99215', codeSystem: 'cpt', description: 'Office visit, established patient, high complexity', unitPriceCents: 22500, taxRateBp: 0 },
  { code: '99396', codeSystem: 'cpt', description: 'Preventive visit, established patient, 40-64 years', unitPriceCents: 24000, taxRateBp: 0 },
  { code: '36415', codeSystem: 'cpt', description: 'Routine venipuncture', unitPriceCents: 1500, taxRateBp: 0 },
  { code: '80053', codeSystem: 'cpt', description: 'Comprehensive metabolic panel', unitPriceCents: 4200, taxRateBp: 0 },
  { code: '85025', codeSystem: 'cpt', description: 'Complete blood count with differential', unitPriceCents: 3100, taxRateBp: 0 },
  { code: '81002', codeSystem: 'cpt', description: 'Urinalysis, non-automated, without microscopy', unitPriceCents: 1200, taxRateBp: 0 },
  { code: '93000', codeSystem: 'cpt', description: 'Electrocardiogram, 12 leads, with interpretation', unitPriceCents: 6500, taxRateBp: 0 },
  { code: '90471', codeSystem: 'cpt', description: 'Immunization administration, one vaccine', unitPriceCents: 2500, taxRateBp: 0 },
  { code: '90686', codeSystem: 'cpt', description: 'Influenza vaccine, quadrivalent, preservative free', unitPriceCents: 3800, taxRateBp: 0 },
  { code: '71046', codeSystem: 'cpt', description: 'Chest X-ray, 2 views', unitPriceCents: 9800, taxRateBp: 0 },
  { code: '97110', codeSystem: 'cpt', description: 'Therapeutic exercise, each 15 minutes', unitPriceCents: 4500, taxRateBp: 0 },
  { code: 'E0114', codeSystem: 'hcpcs', description: 'Crutches, underarm, pair', unitPriceCents: 5400, taxRateBp: 0 },
  { code: 'BILL-MONTH', codeSystem: 'item', description: 'Medical billing service, monthly', unitPriceCents: 85000, taxRateBp: 0 },
  { code: 'CLAIMS', codeSystem: 'item', description: 'Claims submission, per claim', unitPriceCents: 450, taxRateBp: 0 },
  { code: 'CONSULT-HR', codeSystem: 'item', description: 'Revenue cycle consulting, per hour', unitPriceCents: 12500, taxRateBp: 0 },
  { code: 'CODING-AUDIT', codeSystem: 'item', description: 'Coding audit', unitPriceCents: 60000, taxRateBp: 0 },
  { code: 'SETUP', codeSystem: 'item', description: 'Practice onboarding and setup', unitPriceCents: 150000, taxRateBp: 0 },
  { code: 'SUPPLIES', codeSystem: 'item', description: 'Statement paper and envelopes, case', unitPriceCents: 6400, taxRateBp: 825 },
  { code: 'RECORDS', codeSystem: 'item', description: 'Copy of medical records', unitPriceCents: 2500, taxRateBp: 0 },
];
export const icd10 = ['Z00.00', 'Z00.01', 'I10', 'E11.9', 'J06.9', 'M54.50', 'E78.5', 'J02.9', 'R51.9', 'K21.9', 'F41.1', 'M25.561', 'N39.0', 'R05.9', 'Z23'];
