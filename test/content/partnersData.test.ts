import path from 'node:path';
import { expect } from 'chai';
import { loadPartners, partnersFor, REGIONS } from '../../src/partners/partners';

const partners = loadPartners(path.resolve(__dirname, '../../../data'));
const names = (topic: Parameters<typeof partnersFor>[1], region: (typeof REGIONS)[number]) =>
  partnersFor(partners, topic, region).map((partner) => partner.name);

// The content audit (row 3 and the network-partners rows): the city's
// Jobcenter and employment agency were offered to people in the two
// districts, which have their own.
describe('the shipped network partners', () => {
  it('send each district to its own Jobcenter and employment agency', () => {
    expect(names('financial-support', 'leipzig')).to.include.members([
      'Jobcenter Leipzig',
      'Agentur für Arbeit Leipzig – Berufsberatung',
    ]);
    expect(names('financial-support', 'landkreis-leipzig'))
      .to.include.members([
        'Jobcenter Landkreis Leipzig',
        'Agentur für Arbeit Oschatz – Berufsberatung',
      ])
      .and.not.to.include.members([
        'Jobcenter Leipzig',
        'Agentur für Arbeit Leipzig – Berufsberatung',
      ]);
    expect(names('financial-support', 'nordsachsen'))
      .to.include.members(['Jobcenter Nordsachsen', 'Agentur für Arbeit Oschatz – Berufsberatung'])
      .and.not.to.include.members(['Jobcenter Leipzig', 'Jobcenter Landkreis Leipzig']);
  });

  it('give every district its own immigration office', () => {
    for (const region of REGIONS) {
      const offices = names('residence-and-permission', region).filter((name) =>
        name.startsWith('Ausländerbehörde'),
      );
      expect(offices, region).to.have.lengthOf(1);
    }
  });

  it('name the Jobcenter benefit as it is called now, not only "Bürgergeld"', () => {
    for (const partner of partners.filter((candidate) => candidate.id.startsWith('jobcenter'))) {
      for (const [language, text] of Object.entries(partner.description)) {
        expect(text, `${partner.id} ${language}`).to.include('Jobcenter');
        expect(text, `${partner.id} ${language}`).not.to.match(/^[^(]*Bürgergeld/);
      }
    }
  });
});
