import type { FieldPattern } from './field-patterns';

// Text is normalised first (lowercase, Latin accents stripped, punctuation as spaces), so 'Şifre' is
// 'sifre' and 'Mật khẩu' is 'mat khau'. `\b` only works beside ASCII letters: around Cyrillic, CJK,
// Arabic or Devanagari words a space or the start/end of the text is used instead.
const rule = (name: string, pattern: RegExp): FieldPattern => ({ rule: name, field: null, pattern });

/** Names, classes or labels of spam traps (fields that humans never see). */
export const HONEYPOT_PATTERN =
  /honey ?pot|\bhpot\b|ohnohoney|bot ?trap|leave (this )?(field )?(blank|empty)|do not fill|nicht ausfullen|bitte leer lassen|dejar (en )?blanco|laisser vide|lasciare vuoto/;

/** A fieldset about paying: its boxes hold card or bank details, never listing data. */
export const PAYMENT_SECTION_PATTERN =
  /^(payment|payment details|pay with card|card details|pago|datos de pago|pagamento|paiement|zahlung|zahlungsdaten|betaling|platnosc|odeme|оплата|pembayaran|thanh toan|お支払い|支付|결제|الدفع|भुगतान)$/;

/** Checked first, on every source: a match means the control must not receive listing data. */
export const NEGATIVE_PATTERNS: readonly FieldPattern[] = [
  rule('honeypot', HONEYPOT_PATTERN),
  rule(
    'password',
    /pass ?word|\bpwd\b|\bpass\b|passwort|kennwort|contrasena|\bclave\b|senha|palavra passe|mot de passe|\bmdp\b|wachtwoord|\bhaslo|\bparola\b|\bsifre|пароль|kata sandi|\bsandi\b|mat khau|パスワード|密码|密碼|비밀번호|كلمة (المرور|السر)|पासवर्ड/,
  ),
  rule(
    'search',
    /search|keyword|\bsuche\b|\bsuchen\b|busqueda|buscar|\bbusca\b|pesquis|recherch|\bcerca\b|\bcerca |zoek|szukaj|wyszukaj|поиск|пошук|найти|\bara\b|\bcari\b|pencarian|tim kiem|検索|搜索|查找|검색|بحث|ابحث|खोज|what are you looking for|que buscas|o que voce procura|^quoi|^was suchen/,
  ),
  rule(
    'captcha',
    /captcha|security (code|question)|verification code|anti ?spam|\bhuman\b|\bspam\b|letters shown|characters (shown|in the image)|type the (characters|letters|text)|caracteres de la imagen|codigo de (seguridad|seguranca|la imagen|verificacion)|code de (securite|verification)|sicherheitscode|prufcode|codice di (verifica|sicurezza)|kod z obrazka|przepisz kod|guvenlik kodu|dogrulama kodu|код с картинки|проверочн|код з картинки|kode (verifikasi|keamanan)|ma (xac (nhan|minh)|bao mat)|認証コード|画像認証|验证码|驗證碼|자동입력|보안문자|رمز التحقق|कैप्चा|सत्यापन कोड/,
  ),
  rule(
    'coupon',
    /coupon|promo|voucher|gift ?card|gutschein|cupon|cupom|discount|rabatt|\brabat|korting|\bsconto\b|codice sconto|\bpin\b(?! ?code)|\bkupon|промокод|indirim|купон|знижк|скидк|ma giam gia|クーポン|优惠|優惠|쿠폰|كود الخصم|قسيمة|كوبون|कूपन/,
  ),
  rule('fax', /\bfax|telefax|факс|ファックス|传真|팩스|فاكس|फैक्स/),
  rule(
    'card',
    /card ?(number|holder|type|name|no)|cardholder|name on (the )?card|credit ?card|\bkredit ?kart|karten|tarjeta|titular (de la |do |da )?(tarjeta|cartao|carta)|cartao|\bcarta\b|\bcarte\b|kaartnummer|numer karty|kart (numarasi|no)|cvv|cvc|\bcid\b|expir|vencimiento|validade|scadenza|ablauf|gultig|карт|срок|nomor kartu|^so the|カード|卡号|信用卡|카드|البطاقة|कार्ड/,
  ),
  rule(
    'username',
    /user ?name|user ?id|\blog ?(in|on)\b|logon|login|benutzer|usuario|\bnickname\b|nome utente|nom d utilisateur|gebruikersnaam|kullanici adi|логин|ユーザー名|用户名|아이디/,
  ),
  rule('phonetic', /furigana|フリガナ|ふりがな|カナ|かな|kana\b/),
  rule(
    'tax-id',
    /\bvat\b|tax ?id|\btax (number|no)|employer identification|\babn\b|\bacn\b|siret|siren|\btva\b|\bcif\b|\bnif\b|\bnipc\b|cnpj|\bcpf\b|\bust ?id|steuer|partita iva|\biva\b|codice fiscale|\bkvk\b|\bbtw\b|\bnip\b|\bregon\b|\bkrs\b|vergi|инн|огрн|єдрпоу|ипн|іпн|npwp|ma so thue|法人番号|信用代码|税号|사업자|الضريبي|السجل التجاري|gstin|\bgst\b|registration (number|no)|company (number|no)|(firmen|company|business|entreprise|empresa|societe|azienda|bedrijfs|handels) ?(nummer|number|numero|\bno\b|\bnr\b)|(numero|nummer|number) (d |de |of |der )?(entreprise|empresa|company|firma|societe|azienda)|firmenbuch|handelsregister|registre du commerce|registro (mercantil|delle imprese)|\bbce\b|\bkbo\b|\brcs\b|統一編號|统一编号/,
  ),
  rule('bank', /\bbank|banco|banque|\biban\b|\bbic\b|swift|routing/),
  rule(
    'business-facts',
    /years in business|established|founded|number of employees|employees|mitarbeiter|empleados|opening hours|business hours|offnungszeiten|horario|credit limit|how did you (hear|find)|hear about us|referr/,
  ),
  rule('landmark', /land ?marks?\b|referencia|punto di riferimento|patokan/),
  rule('address-title', /address (title|name|label|nickname)|adres basl|nama alamat/),
  rule('address-line3', /(address|addr|street|line|linea|ligne|zeile|adres) ?(line )?(3|three)\b/),
  rule(
    'house-number',
    /^(haus ?(nummer|nr)|house ?(number|no)|дом|номер дома|numero civico|bina no|huisnummer|numero$|nr domu|nr budynku)(?=\s|$)/,
  ),
  rule('house-number-suffix', /toevoeging|huisletter/),
  rule(
    'dependent-locality',
    /kecamatan|kelurahan|\bdesa\b|\bdistrict\b|neighbou?rhood|barrio|bairro|colonia|ortsteil|quartiere|\bquan\b|\bhuyen\b|\bphuong\b|(?:^|\s)[区區](?:$|\s)|县|鄉鎮|الحي|(?:^|\s)동(?:$|\s)/,
  ),
  rule('extension', /\bext\b|extension|durchwahl|^interno$|\bdahili\b|добавочн/),
  rule(
    'phone-country-code',
    /country ?code|dial(ing)? code|codigo de pais|prefisso internazionale|vorwahl land|indicatif (pays|international)|\bddi\b|код страны|код країни|رمز الدولة|国番号|国际区号|국가 ?번호/,
  ),
  rule('middle-name', /middle|\bmi\b|initial|zweiter vorname|segundo nombre|отчество|по батькові|по батькови|tussenvoegsel/),
  rule(
    'job-title',
    /job ?title|business ?title|position|\battn\b|attention|salutation|anrede|civilite|relationship|fonction|\bcargo\b|должность|посада|役職|职位|직책|المسمى الوظيفي/,
  ),
  rule('birth', /birth|\bdob\b|geburt|nacimiento|nascita|naissance|gender|geschlecht|\bsex\b|\bgenero\b|\bsexe\b/),
  rule('membership', /member(ship)? ?(id|number|no)|account ?(number|no)|customer ?(id|number)|\bssn\b/),
];
