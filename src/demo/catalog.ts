/**
 * What the demo contractor works with: a CSI MasterFormat cost-code list, the trades and suppliers it buys
 * from, and the words its job names are made of. Plain data, no logic.
 */

export const CUSTOM_COST_TYPE = 'permits';

export interface CostCodeEntry {
  code: string;
  description: string;
  /** Cost types this code is budgeted in. */
  types: readonly string[];
}

/** Codes every job carries (general conditions). */
export const GENERAL_CONDITIONS: readonly CostCodeEntry[] = [
  { code: '01-000', description: 'General Requirements', types: ['labor', 'other', 'equipment'] },
  { code: '01-310', description: 'Project Management & Coordination', types: ['labor'] },
  { code: '01-410', description: 'Permits & Fees', types: [CUSTOM_COST_TYPE] },
  { code: '01-520', description: 'Temporary Facilities & Utilities', types: ['material', 'equipment'] },
];

export const TRADE_CODES: readonly CostCodeEntry[] = [
  { code: '02-410', description: 'Demolition', types: ['subcontract'] },
  { code: '03-100', description: 'Concrete Forming', types: ['labor', 'material'] },
  { code: '03-300', description: 'Cast-in-Place Concrete', types: ['labor', 'material', 'subcontract'] },
  { code: '04-200', description: 'Unit Masonry', types: ['subcontract'] },
  { code: '05-120', description: 'Structural Steel', types: ['subcontract', 'material'] },
  { code: '05-500', description: 'Metal Fabrications', types: ['subcontract'] },
  { code: '06-100', description: 'Rough Carpentry', types: ['labor', 'material'] },
  { code: '06-400', description: 'Architectural Woodwork', types: ['subcontract'] },
  { code: '07-200', description: 'Thermal Insulation', types: ['subcontract'] },
  { code: '07-500', description: 'Membrane Roofing', types: ['subcontract'] },
  { code: '07-900', description: 'Joint Sealants', types: ['subcontract'] },
  { code: '08-110', description: 'Hollow Metal Doors & Frames', types: ['material', 'labor'] },
  { code: '08-400', description: 'Storefronts & Curtain Wall', types: ['subcontract'] },
  { code: '08-710', description: 'Door Hardware', types: ['material'] },
  { code: '09-250', description: 'Gypsum Board', types: ['labor', 'material', 'subcontract'] },
  { code: '09-300', description: 'Tiling', types: ['subcontract'] },
  { code: '09-650', description: 'Resilient Flooring', types: ['subcontract'] },
  { code: '09-900', description: 'Painting & Coating', types: ['subcontract'] },
  { code: '10-140', description: 'Signage', types: ['material'] },
  { code: '10-280', description: 'Toilet Accessories', types: ['material', 'labor'] },
  { code: '14-200', description: 'Elevators', types: ['subcontract'] },
  { code: '21-000', description: 'Fire Suppression', types: ['subcontract'] },
  { code: '22-000', description: 'Plumbing', types: ['subcontract'] },
  { code: '23-000', description: 'HVAC', types: ['subcontract'] },
  { code: '26-000', description: 'Electrical', types: ['subcontract'] },
  { code: '27-000', description: 'Communications', types: ['subcontract'] },
  { code: '28-000', description: 'Electronic Safety & Security', types: ['subcontract'] },
  { code: '31-200', description: 'Earth Moving', types: ['subcontract', 'equipment'] },
  { code: '31-230', description: 'Excavation & Fill', types: ['equipment', 'labor'] },
  { code: '32-120', description: 'Asphalt Paving', types: ['subcontract'] },
  { code: '32-900', description: 'Landscaping', types: ['subcontract'] },
  { code: '33-000', description: 'Site Utilities', types: ['subcontract'] },
];

/** The PM code that reaches the ERP only through the company cost-code map (Sage keeps its own number). */
export const MAPPED_CODE = { pmCode: '01-520', erpCode: '1595' } as const;

/** A code that exists only in the ERP, used by the costcode.unmapped case. */
export const ERP_ONLY_CODE = { code: '01-990', sageCode: '1990', description: 'Winter Conditions' } as const;

export type VendorRole = 'subcontractor' | 'supplier' | 'agency';

export interface VendorEntry {
  name: string;
  role: VendorRole;
  /** Codes this vendor is the usual subcontractor or supplier for. */
  codes: readonly string[];
  /** The ERP spells the name differently (linked through the company vendor map). */
  erpName?: string;
}

export const VENDORS: readonly VendorEntry[] = [
  { name: 'Keystone Concrete Contractors', role: 'subcontractor', codes: ['03-300', '03-100'] },
  { name: 'Ironline Steel Erectors', role: 'subcontractor', codes: ['05-120', '05-500'] },
  {
    name: 'Apex Drywall & Acoustics',
    role: 'subcontractor',
    codes: ['09-250', '07-200'],
    erpName: 'APEX DRYWALL AND ACOUSTICS INC',
  },
  { name: 'Blue Water Plumbing', role: 'subcontractor', codes: ['22-000'] },
  { name: 'Northgate Mechanical', role: 'subcontractor', codes: ['23-000'] },
  { name: 'Brightline Electric', role: 'subcontractor', codes: ['26-000', '27-000', '28-000'] },
  { name: 'Cornerstone Masonry', role: 'subcontractor', codes: ['04-200'] },
  { name: 'Peak Roofing Systems', role: 'subcontractor', codes: ['07-500', '07-900'] },
  { name: 'Clearview Glass & Glazing', role: 'subcontractor', codes: ['08-400'] },
  { name: 'ProCoat Painting', role: 'subcontractor', codes: ['09-900'] },
  { name: 'Tri-County Excavating', role: 'subcontractor', codes: ['31-200', '33-000', '02-410'] },
  { name: 'LiftTech Elevator', role: 'subcontractor', codes: ['14-200'] },
  { name: 'Evergreen Landscapes', role: 'subcontractor', codes: ['32-900'] },
  { name: 'Metro Asphalt Paving', role: 'subcontractor', codes: ['32-120'] },
  { name: 'Precision Floor & Tile', role: 'subcontractor', codes: ['09-650', '09-300'] },
  { name: 'Heritage Millwork', role: 'subcontractor', codes: ['06-400'] },
  { name: 'Ready Mix Supply Co', role: 'supplier', codes: ['03-300', '03-100'] },
  { name: 'Valley Lumber & Building Supply', role: 'supplier', codes: ['06-100', '09-250'] },
  { name: 'United Equipment Rentals', role: 'supplier', codes: ['01-520', '31-230', '01-000'] },
  { name: 'Hardware Specialties Inc', role: 'supplier', codes: ['08-710', '08-110', '10-280'] },
  { name: 'Allied Steel Supply', role: 'supplier', codes: ['05-120'] },
  { name: 'Signet Signs', role: 'supplier', codes: ['10-140'] },
  { name: 'SafeSite Fencing & Temporary Power', role: 'supplier', codes: ['01-520'] },
  { name: 'City Building Department', role: 'agency', codes: ['01-410'] },
  // Used only by the vendor.unlinked case: added in Procore, never given its ERP vendor id.
  { name: 'Summit Fire Protection', role: 'subcontractor', codes: ['21-000'] },
];

export const UNLINKED_VENDOR_NAME = 'Summit Fire Protection';

export const PLACES = [
  'Riverside',
  'Oakridge',
  'Cedar Falls',
  'Lakeshore',
  'Harbor Point',
  'Westfield',
  'Maple Grove',
  'Pinecrest',
  'Stonebridge',
  'Fairview',
  'Highland Park',
  'Brookside',
  'Eastgate',
  'Millbrook',
  'Summit Ridge',
  'Willow Creek',
  'Northpoint',
  'Granite Bay',
  'Clearwater',
  'Foxhall',
] as const;

export const BUILDING_TYPES = [
  'Medical Office Building',
  'Elementary School Addition',
  'Fire Station No. 4',
  'Public Library Renovation',
  'Distribution Center',
  'Senior Living Community',
  'Corporate Headquarters Tenant Improvement',
  'Parking Structure',
  'Community Recreation Center',
  'Dental Clinic',
  'Self-Storage Facility',
  'Middle School Gymnasium',
  'Retail Center Shell',
  'Water Treatment Plant Upgrade',
  'Bank Branch',
  'Police Substation',
  'Charter Academy',
  'Veterinary Hospital',
  'Church Fellowship Hall',
  'Credit Union',
] as const;
