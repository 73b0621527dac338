import { Labels, ProtocolDefinition, ProtocolQuestion } from './protocol.model';

/*
 * The sample protocol shipped with Permanentie, written for this product (not an official Belgian
 * protocol). It is plain data in the same format a wachtpost loads over HTTP (docs/triage.md);
 * the helpers below only save typing. It is loaded automatically as version 1 for a wachtpost
 * that has no protocol of its own.
 */

const L = (nl: string, fr: string, en: string): Labels => ({ nl, fr, en });
const YES_NO = [
  { code: 'yes', label: L('ja', 'oui', 'yes') },
  { code: 'no', label: L('nee', 'non', 'no') },
];
const yn = (id: string, text: Labels): ProtocolQuestion => ({ id, text, options: YES_NO });

const CALL_112 = L(
  'Verbonden met 112. Blijf bij de patiënt, open de deur, leg de telefoon niet neer.',
  'Transféré au 112. Restez auprès du patient, ouvrez la porte, ne raccrochez pas.',
  'Transferred to 112. Stay with the patient, open the door, stay on the line.',
);
const SEE_GP_NOW = L(
  'Een arts van wacht ziet de patiënt zo snel mogelijk. Bel terug als het erger wordt.',
  'Un médecin de garde voit le patient au plus vite. Rappelez si cela s’aggrave.',
  'A GP on duty sees the patient as soon as possible. Call back if it gets worse.',
);
const CONSULT = L(
  'Kom op consultatie naar de wachtpost. Breng identiteitskaart en medicatielijst mee.',
  'Venez en consultation au poste de garde avec carte d’identité et liste de médicaments.',
  'Come to the out-of-hours post for a consultation; bring ID card and medication list.',
);
const OWN_GP = L(
  'Advies gegeven. Neem de volgende werkdag contact op met de eigen huisarts; bel terug als het erger wordt.',
  'Conseil donné. Contactez votre médecin traitant le prochain jour ouvrable; rappelez si cela s’aggrave.',
  'Advice given. Contact your own GP on the next working day; call back if it gets worse.',
);
const EMERGENCY_DEPT = L(
  'Ga naar de spoedafdeling van het dichtstbijzijnde ziekenhuis. Rij niet zelf.',
  'Rendez-vous aux urgences de l’hôpital le plus proche. Ne conduisez pas vous-même.',
  'Go to the emergency department of the nearest hospital. Do not drive yourself.',
);

export const SAMPLE_PROTOCOL: ProtocolDefinition = {
  code: 'permanentie_sample',
  title: L(
    'Permanentie voorbeeldprotocol 2026.1',
    'Protocole d’exemple Permanentie 2026.1',
    'Permanentie sample protocol 2026.1',
  ),
  complaints: [
    {
      code: 'chest_pain',
      label: L('Pijn op de borst', 'Douleur thoracique', 'Chest pain'),
      questions: [
        yn(
          'pressing_radiating',
          L(
            'Drukkende pijn, uitstralend naar arm, kaak of rug?',
            'Douleur oppressante irradiant vers bras, mâchoire ou dos?',
            'Pressing pain radiating to arm, jaw or back?',
          ),
        ),
        yn(
          'sweating_pale',
          L('Zweterig, bleek of misselijk?', 'Sueurs, pâleur ou nausées?', 'Sweating, pale or nauseous?'),
        ),
        yn(
          'over_40_or_cardiac',
          L(
            'Ouder dan 40 of gekend hartlijden?',
            'Plus de 40 ans ou cardiopathie connue?',
            'Over 40 or known heart disease?',
          ),
        ),
        yn(
          'pain_on_movement',
          L(
            'Pijn vooral bij bewegen of drukken op de borst?',
            'Douleur surtout au mouvement ou à la pression?',
            'Pain mainly on movement or pressing the chest?',
          ),
        ),
      ],
      rules: [
        {
          when: { pressing_radiating: ['yes'] },
          urgency: 'U1',
          disposition: 'handed_to_112',
          advice: CALL_112,
        },
        { when: { sweating_pale: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { over_40_or_cardiac: ['yes'], pain_on_movement: ['no'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        { when: { pain_on_movement: ['yes'] }, urgency: 'U4', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: { urgency: 'U3', disposition: 'consultation', advice: CONSULT },
    },
    {
      code: 'breathlessness',
      label: L('Kortademigheid', 'Essoufflement', 'Breathlessness'),
      questions: [
        yn(
          'cannot_speak',
          L(
            'Kan de patiënt geen volledige zin uitspreken?',
            'Le patient ne peut-il pas finir une phrase?',
            'Unable to speak a full sentence?',
          ),
        ),
        yn(
          'blue_lips',
          L('Blauwe lippen of verward?', 'Lèvres bleues ou confusion?', 'Blue lips or confused?'),
        ),
        yn(
          'known_asthma_copd',
          L(
            'Gekend astma of COPD met eigen puffer?',
            'Asthme ou BPCO connu avec inhalateur?',
            'Known asthma or COPD with own inhaler?',
          ),
        ),
        yn('fever', L('Koorts?', 'Fièvre?', 'Fever?')),
      ],
      rules: [
        { when: { blue_lips: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        { when: { cannot_speak: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        { when: { fever: ['yes'] }, urgency: 'U2', disposition: 'home_visit_priority', advice: SEE_GP_NOW },
        { when: { known_asthma_copd: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: { urgency: 'U2', disposition: 'consultation', advice: SEE_GP_NOW },
    },
    {
      code: 'fever_child',
      label: L('Koorts bij een kind', 'Fièvre chez un enfant', 'Fever in a child'),
      questions: [
        {
          id: 'age',
          text: L('Leeftijd van het kind?', 'Âge de l’enfant?', 'Age of the child?'),
          options: [
            { code: 'under_3_months', label: L('jonger dan 3 maanden', 'moins de 3 mois', 'under 3 months') },
            {
              code: 'under_2_years',
              label: L('3 maanden tot 2 jaar', '3 mois à 2 ans', '3 months to 2 years'),
            },
            { code: 'older', label: L('2 jaar of ouder', '2 ans ou plus', '2 years or older') },
          ],
        },
        yn(
          'non_blanching_rash',
          L(
            'Vlekjes die niet wegdrukken (glastest)?',
            'Taches qui ne s’effacent pas (test du verre)?',
            'Spots that do not fade under a glass?',
          ),
        ),
        yn(
          'drowsy_floppy',
          L(
            'Suf, slap of moeilijk wekbaar?',
            'Somnolent, mou ou difficile à réveiller?',
            'Drowsy, floppy or hard to wake?',
          ),
        ),
        yn(
          'drinking_poorly',
          L('Drinkt slecht of plast weinig?', 'Boit mal ou urine peu?', 'Drinking poorly or little urine?'),
        ),
        yn(
          'fever_over_3_days',
          L('Koorts langer dan 3 dagen?', 'Fièvre depuis plus de 3 jours?', 'Fever for more than 3 days?'),
        ),
      ],
      rules: [
        {
          when: { non_blanching_rash: ['yes'] },
          urgency: 'U1',
          disposition: 'handed_to_112',
          advice: CALL_112,
        },
        { when: { drowsy_floppy: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        { when: { age: ['under_3_months'] }, urgency: 'U2', disposition: 'consultation', advice: SEE_GP_NOW },
        {
          when: { drinking_poorly: ['yes'] },
          urgency: 'U2',
          disposition: 'consultation',
          advice: SEE_GP_NOW,
        },
        { when: { fever_over_3_days: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
        { when: { age: ['under_2_years'] }, urgency: 'U4', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: {
        urgency: 'U5',
        disposition: 'phone_advice',
        advice: L(
          'Paracetamol volgens gewicht, veel laten drinken, lichte kleding. Bel terug bij sufheid, vlekjes of slecht drinken.',
          'Paracétamol selon le poids, faire boire, vêtements légers. Rappelez en cas de somnolence, taches ou s’il boit mal.',
          'Paracetamol by weight, plenty to drink, light clothing. Call back if drowsy, spots appear or drinking poorly.',
        ),
      },
    },
    {
      code: 'abdominal_pain',
      label: L('Buikpijn', 'Douleur abdominale', 'Abdominal pain'),
      questions: [
        yn(
          'collapse_or_vomiting_blood',
          L(
            'Flauwgevallen, bloed braken of zwarte stoelgang?',
            'Malaise, vomissement de sang ou selles noires?',
            'Collapse, vomiting blood or black stools?',
          ),
        ),
        yn(
          'severe_constant',
          L(
            'Hevige, aanhoudende pijn, buik hard als een plank?',
            'Douleur intense et continue, ventre dur?',
            'Severe constant pain, board-hard belly?',
          ),
        ),
        yn('pregnant_possible', L('Mogelijk zwanger?', 'Grossesse possible?', 'Possibly pregnant?')),
        yn('fever', L('Koorts?', 'Fièvre?', 'Fever?')),
      ],
      rules: [
        {
          when: { collapse_or_vomiting_blood: ['yes'] },
          urgency: 'U1',
          disposition: 'handed_to_112',
          advice: CALL_112,
        },
        {
          when: { severe_constant: ['yes'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        {
          when: { pregnant_possible: ['yes'] },
          urgency: 'U2',
          disposition: 'consultation',
          advice: SEE_GP_NOW,
        },
        { when: { fever: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: { urgency: 'U4', disposition: 'consultation', advice: CONSULT },
    },
    {
      code: 'wound_bleeding',
      label: L('Wonde of bloeding', 'Plaie ou saignement', 'Wound or bleeding'),
      questions: [
        yn(
          'spurting',
          L(
            'Spuitende bloeding die niet stopt met drukken?',
            'Saignement en jet qui ne s’arrête pas à la pression?',
            'Spurting bleeding that does not stop with pressure?',
          ),
        ),
        yn(
          'gaping',
          L(
            'Gapende wonde die gehecht moet worden?',
            'Plaie béante à suturer?',
            'Gaping wound needing stitches?',
          ),
        ),
        yn(
          'anticoagulants',
          L('Neemt bloedverdunners?', 'Prend des anticoagulants?', 'Takes blood thinners?'),
        ),
        yn(
          'tetanus_unknown',
          L(
            'Tetanusvaccin ouder dan 10 jaar of onbekend?',
            'Vaccin tétanos de plus de 10 ans ou inconnu?',
            'Tetanus shot over 10 years ago or unknown?',
          ),
        ),
      ],
      rules: [
        { when: { spurting: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { gaping: ['yes'], anticoagulants: ['yes'] },
          urgency: 'U2',
          disposition: 'consultation',
          advice: SEE_GP_NOW,
        },
        { when: { gaping: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
        { when: { tetanus_unknown: ['yes'] }, urgency: 'U4', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: {
        urgency: 'U5',
        disposition: 'phone_advice',
        advice: L(
          'Spoelen met water, ontsmetten, steriel verband. Eigen huisarts bij roodheid of koorts.',
          'Rincer à l’eau, désinfecter, pansement stérile. Médecin traitant en cas de rougeur ou fièvre.',
          'Rinse with water, disinfect, sterile dressing. See your own GP if red or feverish.',
        ),
      },
    },
    {
      code: 'fall_injury',
      label: L('Val of letsel', 'Chute ou traumatisme', 'Fall or injury'),
      questions: [
        yn(
          'unconscious',
          L(
            'Bewusteloos geweest of nu suf?',
            'Perte de connaissance ou somnolent?',
            'Was unconscious or is drowsy now?',
          ),
        ),
        yn(
          'cannot_stand',
          L(
            'Kan niet rechtstaan of steunen (heup, been)?',
            'Ne peut se lever ni prendre appui (hanche, jambe)?',
            'Cannot stand or bear weight (hip, leg)?',
          ),
        ),
        yn(
          'deformity',
          L(
            'Zichtbare vergroeiing van een ledemaat?',
            'Déformation visible d’un membre?',
            'Visible deformity of a limb?',
          ),
        ),
        yn(
          'lives_alone_bedridden',
          L('Alleen thuis of bedlegerig?', 'Seul à domicile ou alité?', 'Alone at home or bedridden?'),
        ),
      ],
      rules: [
        { when: { unconscious: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { cannot_stand: ['yes'], lives_alone_bedridden: ['yes'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        {
          when: { deformity: ['yes'] },
          urgency: 'U2',
          disposition: 'referral_emergency_department',
          advice: EMERGENCY_DEPT,
        },
        {
          when: { cannot_stand: ['yes'] },
          urgency: 'U3',
          disposition: 'home_visit_planned',
          advice: SEE_GP_NOW,
        },
      ],
      otherwise: { urgency: 'U5', disposition: 'referral_own_gp', advice: OWN_GP },
    },
    {
      code: 'headache',
      label: L('Hoofdpijn', 'Céphalée', 'Headache'),
      questions: [
        yn(
          'thunderclap',
          L(
            'Plots ontstaan, de ergste ooit?',
            'Apparition brutale, la pire de sa vie?',
            'Sudden onset, worst ever?',
          ),
        ),
        yn(
          'neuro_signs',
          L(
            'Verlamming, scheve mond, spraakstoornis?',
            'Paralysie, bouche de travers, trouble de la parole?',
            'Weakness, drooping face, speech problem?',
          ),
        ),
        yn(
          'fever_stiff_neck',
          L('Koorts met stijve nek?', 'Fièvre avec raideur de nuque?', 'Fever with stiff neck?'),
        ),
        yn(
          'known_migraine',
          L(
            'Gekende migraine, zoals gewoonlijk?',
            'Migraine connue, comme d’habitude?',
            'Known migraine, as usual?',
          ),
        ),
      ],
      rules: [
        { when: { neuro_signs: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        { when: { thunderclap: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { fever_stiff_neck: ['yes'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        {
          when: { known_migraine: ['yes'] },
          urgency: 'U5',
          disposition: 'phone_advice',
          advice: L(
            'Eigen migrainemedicatie nemen, rust in een donkere kamer. Bel terug als het anders is dan gewoonlijk.',
            'Prendre son traitement habituel, repos dans l’obscurité. Rappelez si c’est inhabituel.',
            'Take the usual migraine medication, rest in a dark room. Call back if unlike usual.',
          ),
        },
      ],
      otherwise: { urgency: 'U4', disposition: 'consultation', advice: CONSULT },
    },
    {
      code: 'urinary',
      label: L('Plasklachten', 'Troubles urinaires', 'Urinary complaints'),
      questions: [
        yn(
          'fever_flank_pain',
          L('Koorts of pijn in de flank?', 'Fièvre ou douleur au flanc?', 'Fever or flank pain?'),
        ),
        yn(
          'cannot_pass_urine',
          L('Kan helemaal niet plassen?', 'Ne peut pas uriner du tout?', 'Cannot pass urine at all?'),
        ),
        yn('pregnant_or_male', L('Zwanger, of een man?', 'Enceinte, ou un homme?', 'Pregnant, or male?')),
      ],
      rules: [
        {
          when: { cannot_pass_urine: ['yes'] },
          urgency: 'U2',
          disposition: 'consultation',
          advice: SEE_GP_NOW,
        },
        { when: { fever_flank_pain: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
        { when: { pregnant_or_male: ['yes'] }, urgency: 'U4', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: {
        urgency: 'U5',
        disposition: 'referral_own_gp',
        advice: L(
          'Veel drinken. Urinestaal meebrengen naar de eigen huisarts de volgende werkdag.',
          'Boire beaucoup. Apporter un échantillon d’urine chez le médecin traitant le prochain jour ouvrable.',
          'Drink plenty. Bring a urine sample to your own GP on the next working day.',
        ),
      },
    },
    {
      code: 'rash',
      label: L('Huiduitslag', 'Éruption cutanée', 'Rash'),
      questions: [
        yn(
          'swelling_breathing',
          L(
            'Zwelling van lippen/tong of moeite met ademen?',
            'Gonflement lèvres/langue ou difficulté à respirer?',
            'Swollen lips/tongue or difficulty breathing?',
          ),
        ),
        yn(
          'non_blanching',
          L(
            'Vlekjes die niet wegdrukken, met koorts?',
            'Taches qui ne s’effacent pas, avec fièvre?',
            'Non-fading spots with fever?',
          ),
        ),
        yn(
          'blisters_widespread',
          L(
            'Uitgebreide blaren of huid die loslaat?',
            'Bulles étendues ou peau qui se décolle?',
            'Widespread blisters or peeling skin?',
          ),
        ),
      ],
      rules: [
        {
          when: { swelling_breathing: ['yes'] },
          urgency: 'U1',
          disposition: 'handed_to_112',
          advice: CALL_112,
        },
        { when: { non_blanching: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { blisters_widespread: ['yes'] },
          urgency: 'U3',
          disposition: 'consultation',
          advice: CONSULT,
        },
      ],
      otherwise: {
        urgency: 'U5',
        disposition: 'referral_own_gp',
        advice: L(
          'Niet krabben, koel houden. Eigen huisarts de volgende werkdag als het blijft.',
          'Ne pas gratter, garder au frais. Médecin traitant le prochain jour ouvrable si cela persiste.',
          'Do not scratch, keep cool. Own GP on the next working day if it persists.',
        ),
      },
    },
    {
      code: 'psychiatric_crisis',
      label: L('Acute psychiatrische crisis', 'Crise psychiatrique aiguë', 'Acute psychiatric crisis'),
      questions: [
        yn(
          'danger_now',
          L(
            'Direct gevaar: wapen, agressie of zelfdoding bezig?',
            'Danger immédiat: arme, agression ou suicide en cours?',
            'Immediate danger: weapon, aggression or suicide attempt now?',
          ),
        ),
        yn(
          'suicidal_thoughts',
          L(
            'Gedachten aan zelfdoding met een plan?',
            'Idées suicidaires avec un plan?',
            'Suicidal thoughts with a plan?',
          ),
        ),
        yn(
          'known_care',
          L(
            'Gekend bij psychiater of mobiel crisisteam?',
            'Suivi par un psychiatre ou une équipe mobile?',
            'Known to a psychiatrist or mobile crisis team?',
          ),
        ),
      ],
      rules: [
        { when: { danger_now: ['yes'] }, urgency: 'U1', disposition: 'handed_to_112', advice: CALL_112 },
        {
          when: { suicidal_thoughts: ['yes'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        { when: { known_care: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: { urgency: 'U3', disposition: 'home_visit_planned', advice: SEE_GP_NOW },
    },
    {
      code: 'palliative',
      label: L('Palliatieve zorg', 'Soins palliatifs', 'Palliative care'),
      questions: [
        yn(
          'uncontrolled_symptoms',
          L(
            'Onhoudbare pijn, benauwdheid of onrust?',
            'Douleur, dyspnée ou agitation incontrôlable?',
            'Uncontrolled pain, breathlessness or agitation?',
          ),
        ),
        yn(
          'dying',
          L(
            'Stervensfase of overlijden vast te stellen?',
            'Phase terminale ou décès à constater?',
            'Dying, or a death to certify?',
          ),
        ),
        yn(
          'palliative_team',
          L(
            'Palliatief thuiszorgteam bereikbaar?',
            'Équipe palliative joignable?',
            'Palliative home-care team reachable?',
          ),
        ),
      ],
      rules: [
        {
          when: { uncontrolled_symptoms: ['yes'] },
          urgency: 'U2',
          disposition: 'home_visit_priority',
          advice: SEE_GP_NOW,
        },
        { when: { dying: ['yes'] }, urgency: 'U3', disposition: 'home_visit_planned', advice: SEE_GP_NOW },
        {
          when: { palliative_team: ['yes'] },
          urgency: 'U4',
          disposition: 'phone_advice',
          advice: L(
            'Contact opnemen met het palliatief thuiszorgteam; bel terug als de klachten toenemen.',
            'Contacter l’équipe palliative; rappelez si les symptômes augmentent.',
            'Contact the palliative home-care team; call back if symptoms increase.',
          ),
        },
      ],
      otherwise: { urgency: 'U3', disposition: 'home_visit_planned', advice: SEE_GP_NOW },
    },
    {
      code: 'medication_question',
      label: L('Vraag over medicatie', 'Question sur un médicament', 'Medication question'),
      questions: [
        yn(
          'overdose',
          L(
            'Te veel ingenomen (overdosis, kind)?',
            'Surdosage (dose excessive, enfant)?',
            'Too much taken (overdose, child)?',
          ),
        ),
        yn(
          'symptoms_now',
          L(
            'Klachten nu (suf, braken, hartkloppingen)?',
            'Symptômes maintenant (somnolence, vomissements, palpitations)?',
            'Symptoms now (drowsy, vomiting, palpitations)?',
          ),
        ),
        yn(
          'ran_out_essential',
          L(
            'Essentiële medicatie op (insuline, anti-epileptica)?',
            'Plus de médicament essentiel (insuline, antiépileptique)?',
            'Out of essential medication (insulin, anti-epileptics)?',
          ),
        ),
      ],
      rules: [
        {
          when: { overdose: ['yes'], symptoms_now: ['yes'] },
          urgency: 'U1',
          disposition: 'handed_to_112',
          advice: CALL_112,
        },
        {
          when: { overdose: ['yes'] },
          urgency: 'U3',
          disposition: 'phone_advice',
          advice: L(
            'Antigifcentrum 070 245 245 gebeld voor advies; bel terug bij klachten.',
            'Centre Antipoisons 070 245 245 contacté; rappelez en cas de symptômes.',
            'Poison centre 070 245 245 consulted; call back if symptoms appear.',
          ),
        },
        { when: { ran_out_essential: ['yes'] }, urgency: 'U3', disposition: 'consultation', advice: CONSULT },
      ],
      otherwise: {
        urgency: 'U5',
        disposition: 'phone_advice',
        advice: L(
          'Vraag beantwoord; bijsluiter en apotheek van wacht (www.apotheek.be). Eigen huisarts de volgende werkdag.',
          'Question répondue; notice et pharmacie de garde (www.pharmacie.be). Médecin traitant le prochain jour ouvrable.',
          'Question answered; leaflet and pharmacy on duty. Own GP on the next working day.',
        ),
      },
    },
  ],
};
