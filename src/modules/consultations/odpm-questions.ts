/**
 * Annex A of the consultation "Local Strategic Partnerships: shaping their future" (Office
 * of the Deputy Prime Minister, 2005), as seed 004 quotes it: the questions the Kensington
 * and Chelsea Partnership's Steering Group answered collectively. Pasted as it comes, with
 * its headings and bullets, for the demo and the tests to split with splitQuestionList.
 */
export const odpmQuestionsAnnex = `
Annex A

SUMMARY OF CONSULTATION QUESTIONS

The role of Local Strategic Partnerships and Sustainable Community Strategies

LSPs, Sustainable Community Strategies and LAAs

1: Do you agree that the key role of the LSP should be to develop the vision for the local area, through the Sustainable Community Strategy and the 'delivery contract' through the LAA (as set out in figures 1 & 2)

Regional/sub-regional engagement

2: We believe it is important that LSPs reflect regional/sub-regional plans where relevant in their Sustainable Community Strategy priorities and that regional organisations and partnerships take account of key local needs. How can this greater co-ordination best be facilitated?

Links to local plans

3: Would a requirement on bodies producing theme or service-based plans to 'have regard' to the Sustainable Community Strategy in doing so and vice versa, increase the LSP's ability to take the over-arching view in an area?

Sustainable Community Strategies

- 4: Are the proposed steps in the development of a Sustainable Community Strategy correct? (See box on page 18)
- 5: What more could be done to ensure Sustainable Community Strategies are better able to make the links between social, economic and environmental goals and to deal more effectively with the area's cross-boundary and longer-term impacts?

Neighbourhood Engagement

- 6: What should be the role of the LSP in supporting neighbourhood engagement and ensuring the neighbourhood/parish voice, including diverse and minority communities, is heard at the principal local level?
- 7: In two-tier areas, is it most appropriate for the responsibility for neighbourhood engagement to rest with the district level LSP?

Links with Local Development Framework

- 8: How can spatial planning teams best contribute to Sustainable Community Strategies through the LSP and ensure that LDFs and Sustainable Community Strategies are closely linked?
- 9: How could revised guidance and accompanying support materials best ensure that Sustainable Community Strategies and Local Development Frameworks join up effectively?

Two-tier areas

- 10: Should every local authority area have its own LSP?
- 11: Would the establishment of a greater delineation of roles between county and district LSPs as suggested be sensible? (See paras 65 to 69)

Governance

LSP as the partnership of partnerships

- 12: We believe that it is important that the LSP is made up of the thematic partnerships in the area together with an LSP board. What is your view?
- 13: We believe that a rationalisation of local partnerships would help the LSP executive take an effective overview. Would clustering partnerships around the four LAA blocks be a sensible way to achieve this?
- 14: We believe that the geographic boundaries of partners within LSPs is important. What do you see as the opportunities for, and barriers to, co-terminosity shared geographic boundaries?
- 15: Within the LSP framework and its established priorities, would the creation of single delivery vehicles to tackle particular issues be helpful?

Ensuring wide representation

- 16: How can the neighbourhood and parish, tiers be involved most effectively on the LSP on a) the executive and b) individual thematic partnerships?
- 17: How can the private, voluntary and community sectors be involved most effectively on the LSP as a) the executive and b) individual thematic partnerships?

Providing a legislative foundation

- 18: Would a duty to co-operate with the local authority, in producing and implementing the Community Strategy, help to set LSPs on a firmer footing and better enable their enhanced delivery co-ordination role?
- 19: If so, what obligations, such as attendance, financial or staff support, would be useful to place on partners?
- 20: If so, which public sector agencies would the duty be most sensibly placed on?
- 21: Should there be a statutory duty on local authorities and named partners to promote the engagement of the voluntary and community sectors in the LSP?

Accountability

Accountability between partners

- 22: Should each partnership be encouraged to produce protocols or 'partnership agreements' between partners to ensure clear lines of accountability for the delivery of agreed outcomes?
- 23: We believe that if partnership working was included as part of other key agencies' assessments it would be effective in securing greater commitment from other public sector agencies. What are your views?

Involvement of local councillors

- 24: What do you see as the key role for executive councillors within LSPs?
- 25: What do you see as the appropriate role for backbenchers particularly in ensuring a high quality of local engagement?
- 26: What would make councillors' powers of overview and scrutiny more effective in scrutinising the 4 blocks of the LAA?

Involvement of Members of Parliament

27: What would be the most appropriate way for a Member of Parliament to be involved with the LSP and how can we ensure that it is complementary to the role of local councillors?

Involvement of Communities Served

- 28: How can we promote effective community engagement and involvement, from all sections of the community in shaping local priorities and public services?
- 29: How can we maximise the opportunities for joint policy and joint activity on community engagement, including the LDF, the LAA and the Sustainable Community Strategy?
- 30: How can accountability to local people and businesses be enhanced?

Capacity Issues

- 31: What are your LSP's key support/skill gaps?
- 32: What extra or different support would be most helpful in shifting to a more delivery focused role?
- 33: How would LSPs prefer to receive information and support; through guidance, toolkits, sign-posting to existing information, practical learning opportunities etc?
- 34: How can LSPs ensure that adequate learning and support provision is available to build the capacity of communities to engage with the LSP and its partners at the various levels?
 35: What learning or development do you feel is required by LSPs in order to deliver sustainable communities that embody the principles of sustainable development at the local level?`;
