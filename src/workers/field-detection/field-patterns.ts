import type { ListingField } from '../submitter.port';

/** What a control can be detected as: a listing field, a part of one, or a box to tick. */
export type DetectedField = ListingField | 'contactFirstName' | 'contactLastName' | 'confirmEmail' | 'terms';

/** One rule: a pattern over normalised text and the field it means (null: leave the control alone). */
export interface FieldPattern {
  readonly rule: string;
  readonly field: DetectedField | null;
  readonly pattern: RegExp;
}

/**
 * Lowercase, accents stripped (so 'Città' and 'İl' match 'citta' and 'il'), camelCase and
 * punctuation split into words: 'addrsForm[0].firstName' → 'addrs form 0 first name'.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD').replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-.:*()[\]/\\,;|#"'?!]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const rule = (name: string, field: DetectedField | null, pattern: RegExp): FieldPattern => ({ rule: name, field, pattern });

/** Names, classes or labels of spam traps (fields that humans never see). */
export const HONEYPOT_PATTERN = /honey ?pot|\bhpot\b|ohnohoney|bot ?trap|leave (this )?(field )?(blank|empty)|do not fill|nicht ausfullen/;

/** Checked first, on every source: a match means the control must not receive listing data. */
export const NEGATIVE_PATTERNS: readonly FieldPattern[] = [
  rule('honeypot', null, HONEYPOT_PATTERN),
  rule('password', null, /pass ?word|\bpwd\b|passwort|kennwort|contrasena|senha|\bparola\b|\bsifre|пароль/),
  rule('search', null, /search|keyword|\bsuche\b|\bsuchen\b|busqueda|buscar|recherche|\bcerca\b|поиск|\bara\b/),
  rule('captcha', null, /captcha|security (code|question)|verification code|anti ?spam|\bhuman\b|\bspam\b/),
  rule('coupon', null, /coupon|promo|voucher|gift ?card|gutschein|cupon|discount|rabatt|\bpin\b(?! ?code)/),
  rule('fax', null, /\bfax|telefax|факс/),
  rule('card', null, /card ?(number|holder|type|name)|credit|kredit|karten|tarjeta|\bcarta\b|\bcarte\b|cvv|cvc|\bcid\b|expir|scadenza|ablauf|gultig|карт|срок/),
  rule('username', null, /user ?name|user ?id|\blog ?(in|on)\b|logon|login|benutzer|usuario|\bnickname\b/),
  rule('landmark', null, /land ?marks?\b|referencia|punto di riferimento/),
  rule('address-title', null, /address (title|name|label|nickname)|adres basl|nama alamat/),
  rule('address-line2', null, /(address|addr|street|line|adresse|direccion|indirizzo) ?(line )?(2|two)\b|\bapt\b|apartment|suite|\bbldg\b|building|\bunit\b|adresszusatz|informacion adicional|\bc o\b/),
  rule('house-number', null, /^(haus ?(nummer|nr)|house ?(number|no)|дом|номер дома|numero civico|bina no)(?=\s|$)/),
  rule('dependent-locality', null, /kecamatan|kelurahan|\bdistrict\b|neighbou?rhood|barrio|bairro|ortsteil|quartiere/),
  rule('extension', null, /\bext\b|extension|durchwahl|\binterno\b|\bdahili\b/),
  rule('phone-country-code', null, /country ?code|dial(ing)? code|codigo de pais|prefisso internazionale|vorwahl land/),
  rule('middle-name', null, /middle|\bmi\b|initial|zweiter vorname|segundo nombre|отчество/),
  rule('job-title', null, /job ?title|business ?title|position|\battn\b|attention|\bsalutation\b|anrede|relationship/),
  rule('birth', null, /birth|\bdob\b|geburt|nacimiento|nascita|gender|geschlecht|\bsex\b/),
  rule('membership', null, /member(ship)? ?(id|number|no)|account ?(number|no)|customer ?(id|number)|\bvat\b|tax ?id|\bssn\b/),
];

/** Checked only on checkboxes: boxes that must stay as they are. */
export const CHECKBOX_NEGATIVE_PATTERNS: readonly FieldPattern[] = [
  rule('newsletter', null, /newsletter|subscribe|abonn|\boffers?\b|promotion|send me|\bemails\b|marketing|werbung/),
  rule('preference', null, /remember|same as|default|keep me|stay signed|business address|cell phone/),
];

export const TERMS_PATTERNS: readonly FieldPattern[] = [
  rule('terms', 'terms', /\bagree|accept|terms|conditions|\btos\b|privacy|policy|datenschutz|\bagb\b|akzeptier|einverstanden|acepto|terminos|condizioni|accetto|соглас|kabul|sozlesme|consent/),
];

/** In priority order: the first pattern that matches a source wins. */
export const POSITIVE_PATTERNS: readonly FieldPattern[] = [
  rule('confirm-email', 'confirmEmail', /(confirm|re ?type|re ?enter|repeat|verify|again|bestatig|wiederhol|confirma|conferma|повтор|tekrar).{0,20}(e ?mail|correo|posta|почт)|(e ?mail).{0,12}(confirm|again|retype|repeat|verify|bestatig|wiederhol)/),
  rule('email', 'email', /\S@\S|e ?mail|courriel|correo|posta elettronica|\be ?posta|электронн/),
  rule('website', 'website', /\bwww\b|\bhttps?\b|web ?site|home ?page|\burl\b|\bweb\b|sitio|sito|webseite|internetseite|сайт|\bdomain\b|site web/),
  rule('description', 'description', /descri|about (your|the|us)|beschreibung|описание|aciklama|\bsummary\b|\bbio\b|tell (us|people|customers)/),
  rule('company', 'businessName', /company|business(?! (address|type|hours|category|description|website|phone|e ?mail))|organi[sz]ation|\bfirma|firmen|unternehmen|empresa|razon social|azienda|ragione sociale|societa|\bsirket|компани|организаци|entreprise|societe|(listing|site|ad) (name|title)|\b(store|shop|practice|venue|brand) name/),
  rule('category', 'category', /categor|kategor|категори|industry|\bsector\b|branche|rubrik|business type/),
  rule('phone', 'phone', /phone|\btel\b|telef|telep|mobile|\bmobil|\bcell|handy|celular|cellulare|телефон|\bgsm\b|\bph\b|alternative number|contact number/),
  rule('first-name', 'contactFirstName', /first ?name|given ?name|forename|\bfname\b|vorname|^nombre$|^nome$|prenom|^имя$|^ad$/),
  rule('last-name', 'contactLastName', /last ?name|sur ?name|family ?name|\blname\b|nachname|apellido|cognome|^nom$|фамили|\bsoyad/),
  rule('full-name', 'contactName', /full ?name|your name|contact (name|person)|ansprechpartner|nombre completo|nome completo|ad soyad|фио|nama|\bname\b|\bnombre\b|\bnome\b|имя/),
  rule('zip', 'zip', /\bzip|postal|post ?code|\bplz\b|postleitzahl|codigo postal|\bcap\b|codice postale|posta kodu|индекс|kode ?pos|pin ?code|eircode|code postal/),
  rule('city', 'city', /city|\btown\b|\bort\b|stadt|ciudad|poblacion|localidad|citta|comune|localita|\bsehir|\bilce\b|город|населенн|\bkota\b|suburb|locality|ville/),
  rule('state', 'state', /state|province|provinz|bundesland|provincia|estado|regione|\bregion\b|county|^il$|область|регион|(?<![а-я])кра[йи](?![а-я])|provinsi|prefecture|territory/),
  rule('country', 'country', /country|\bland\b|\bpais\b|paese|nazione|\bulke\b|страна|negara|\bpays\b/),
  rule('address', 'address', /street|address|adresse|stra(ss|ß)e|direccion|domicilio|indirizzo|\bvia\b|\badres\b|адрес|улица|alamat|\baddr\b/),
];

/** Which detected fields a control of each kind can hold. */
export const FIELDS_BY_CONTROL: Readonly<Record<'text' | 'select' | 'textarea', ReadonlySet<DetectedField>>> = {
  text: new Set<DetectedField>(['businessName', 'contactName', 'contactFirstName', 'contactLastName', 'email', 'confirmEmail',
    'phone', 'website', 'address', 'city', 'state', 'zip', 'country', 'category', 'description']),
  select: new Set<DetectedField>(['state', 'country', 'city', 'category']),
  textarea: new Set<DetectedField>(['address', 'description']),
};
