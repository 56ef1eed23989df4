/**
 * The registry's vocabularies: the words the partnership uses for sectors,
 * organisation types, membership roles and kinds of area. One list each.
 */

export const sectors = ['public', 'business', 'voluntary_community', 'faith', 'resident_community'] as const;
export type Sector = (typeof sectors)[number];
export const sectorNames: Record<Sector, string> = {
  public: 'Public sector',
  business: 'Business',
  voluntary_community: 'Voluntary and community',
  faith: 'Faith',
  resident_community: 'Residents and community',
};

export const organisationTypes = [
  'council',
  'police',
  'police_authority',
  'probation',
  'nhs_body',
  'fire_and_rescue',
  'jobcentre_plus',
  'youth_offending',
  'school_college',
  'university',
  'other_public',
  'housing_association',
  'business',
  'business_association',
  'charity',
  'vcs_infrastructure',
  'community_group',
  'faith_group',
  'residents_association',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];
export const organisationTypeNames: Record<OrganisationType, string> = {
  council: 'Council',
  police: 'Police',
  police_authority: 'Police authority',
  probation: 'Probation',
  nhs_body: 'NHS body',
  fire_and_rescue: 'Fire and rescue',
  jobcentre_plus: 'JobCentre Plus',
  youth_offending: 'Youth offending team',
  school_college: 'School or college',
  university: 'University',
  other_public: 'Other public body',
  housing_association: 'Housing association',
  business: 'Business',
  business_association: 'Business association',
  charity: 'Charity',
  vcs_infrastructure: 'Voluntary sector infrastructure body',
  community_group: 'Community group',
  faith_group: 'Faith group',
  residents_association: "Residents' association",
};

export const membershipRoles = [
  'chair',
  'vice_chair',
  'member',
  'substitute',
  'observer',
  'secretariat',
] as const;
export type MembershipRole = (typeof membershipRoles)[number];
export const membershipRoleNames: Record<MembershipRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  substitute: 'Substitute',
  observer: 'Observer',
  secretariat: 'Secretariat',
};

export const placeKinds = [
  'unitary',
  'county',
  'district',
  'london_borough',
  'metropolitan_district',
] as const;
export const subAreaKinds = ['ward', 'parish', 'neighbourhood'] as const;
export const areaKinds = [...placeKinds, ...subAreaKinds] as const;
export type PlaceKind = (typeof placeKinds)[number];
export type SubAreaKind = (typeof subAreaKinds)[number];
export type AreaKind = (typeof areaKinds)[number];
export const areaKindNames: Record<AreaKind, string> = {
  unitary: 'Unitary authority',
  county: 'County',
  district: 'District',
  london_borough: 'London borough',
  metropolitan_district: 'Metropolitan district',
  ward: 'Ward',
  parish: 'Parish',
  neighbourhood: 'Neighbourhood',
};

export const partnershipStatuses = ['active', 'merged', 'abolished'] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];
export const partnershipStatusNames: Record<PartnershipStatus, string> = {
  active: 'Active',
  merged: 'Merged',
  abolished: 'Abolished',
};

export const councillorRoles = ['executive', 'backbench'] as const;
export type CouncillorRole = (typeof councillorRoles)[number];

/** Options for GOV.UK select and radios macros. */
export function optionsFrom<T extends string>(values: readonly T[], names: Record<T, string>) {
  return values.map((value) => ({ value, text: names[value] }));
}
