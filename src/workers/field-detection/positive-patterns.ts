import type { DetectedField, FieldPattern } from './field-patterns';

// Written from how forms are labelled in English, Spanish, Portuguese, French, German, Italian,
// Dutch, Polish, Turkish, Russian, Ukrainian, Indonesian, Vietnamese, Japanese, Chinese, Korean,
// Arabic and Hindi, over normalised text (see normalizeText). Around non-Latin words `\b` does not
// work: `(?:^|\s)` and `(?:$|\s)` stand for word edges there.
const rule = (name: string, field: DetectedField, pattern: RegExp): FieldPattern => ({ rule: name, field, pattern });

/** A label that is only "name" (or "your name"): first, last or full name depending on its neighbours. */
export const BARE_NAME_RULE = 'bare-name';

/** In priority order: the first pattern that matches a source wins. */
export const POSITIVE_PATTERNS: readonly FieldPattern[] = [
  rule(
    'confirm-email',
    'confirmEmail',
    /(confirm|re ?type|re ?enter|repeat|verify|again|bestatig|wiederhol|confirma|conferma|confirme|herhaal|bevestig|powtorz|tekrar|ulangi|повтор|подтвер|підтвер|xac nhan).{0,20}(e ?mail|correo|courriel|posta|почт|пошт)|(e ?mail|メール|邮箱|이메일).{0,12}(confirm|again|retype|repeat|verify|bestatig|wiederhol|確認|确认|확인|재입력)|تأكيد البريد|ईमेल की पुष्टि/,
  ),
  rule(
    'email',
    'email',
    /\S@\S|e ?mail|^mail$|mailadres|adresse electronique|信箱|郵件|ई ?मेल|courriel|correo|posta elettronica|\be ?posta|электронн|електронн|эл ?почт|ел ?пошт|\bsurel\b|thu dien tu|メール|邮箱|邮件|郵箱|이메일|메일|البريد الإلكتروني|البريد الالكتروني|بريد إلكتروني|ايميل|ईमेल/,
  ),
  rule(
    'website',
    'website',
    /\bwww\b|\bhttps?\b|web ?site|home ?page|\burl\b|\bweb\b|sitio|\bsito\b|webseite|internetseite|internetadres|site (web|internet)|\bsite\b(?! (name|title))|\bweb ?(adres|adresse|address|adresi)|網站|官网|pagina (web|internet)|strona (www|internetowa)|web sitesi|сайт|\bdomain\b|situs|trang web|ホームページ|ウェブサイト|网址|网站|網址|홈페이지|웹사이트|الموقع الإلكتروني|الموقع الالكتروني|موقع الويب|वेबसाइट/,
  ),
  rule(
    'description',
    'description',
    /descri|descrev|decri|beschreib|\bopisz|aciklay|опиш|jelaskan|介紹|簡介|about (your|the business|the company)|beschreibung|beschrijving|omschrijving|presentation|\bopis\b|opis dzialal|aciklama|hakkinda|описание|опис|deskripsi|gioi thieu|mo ta|事業内容|紹介|説明|简介|介绍|描述|소개|설명|وصف|نبذة|विवरण|\bsummary\b|acerca de|sobre (tu|su|vos|usted|voce) |cuentanos|contanos|conte nos|parlez nous|erzahlen sie|raccontaci|vertel ons|sobre (a|o|nos|sua|seu) |a propos|uber uns|chi siamo|over ons|\bbio\b|tell (us|people|customers)/,
  ),
  rule(
    'category',
    'category',
    /categor|kategor|категор|industry|\bsector\b|sektor|branche|\brubro\b|branza|rubri|рубрик|business type|^(actividad|activite|atividade|attivita)( principal[e]?)?$|nganh|業種|カテゴリ|行业|类别|分类|類別|類型|分類|行業|업종|분류|التصنيف|الفئة|श्रेणी/,
  ),
  rule('area-code', 'phone', /area code|vorwahl|\bddd\b|alan kodu|код города|prefisso|indicatif|kode area|市外局番|区号|지역번호/),
  rule(
    'phone',
    'phone',
    /phone|\btel\b|telef|telep|telem|mobile|\bmobil|mobiel|мобільн|ponsel|di dong|手機|موبايل|المحمول|दूरभाष|\bcell|handy|celular|movil|portable|cellulare|komork|gsm|\bph\b|rufnummer|телефон|мобильн|no hp|nomor hp|handphone|whats ?app|dien thoai|\bsdt\b|電話|携帯|电话|手机|電話|전화|휴대폰|연락처|هاتف|الجوال|جوال|फोन|फ़ोन|मोबाइल|alternative number|contact number/,
  ),
  rule(
    'full-name',
    'contactName',
    /full ?name|nombre completo|nombre y apellido|nome completo|nome e cognome|nom complet|nom (et )?prenom|prenom (et )?nom|vor ?und nachname|volledige naam|voor en achternaam|imie i nazwisko|ad ?soyad|adi soyadi|isim soyisim|фио|имя и фамилия|фамилия и имя|піб|прізвище та ім я|ім я та прізвище|nama lengkap|ho (va )?ten|氏名|姓名|성명|الاسم الكامل|पूरा नाम/,
  ),
  rule(
    'first-name',
    'contactFirstName',
    /first ?name|given ?name|forename|\bfname\b|vorname|voornaam|prenom|primer nombre|primeiro nome|\bimie\b|^ad$|^adi(niz)?$|^isim$|(?:^|\s)имя(?:$|\s)|(?:^|\s)ім я(?:$|\s)|nama depan|^ten$|(?:^|\s)名(?:$|\s)|الاسم الأول|पहला नाम/,
  ),
  rule(
    'last-name',
    'contactLastName',
    /last ?name|sur ?name|family ?name|\blname\b|nachname|familienname|achternaam|apellido|sobrenome|apelido|ultimo nome|cognome|^nom$|nom de famille|nazwisko|\bsoyad|фамили|прізвищ|nama belakang|^ho$|(?:^|\s)姓(?:$|\s)|苗字|(?:^|\s)성(?:$|\s)|اسم العائلة|الاسم الأخير|اللقب|अंतिम नाम|उपनाम/,
  ),
  rule(
    'contact-person',
    'contactName',
    /your name|contact (name|person)|ansprechpartner|kontaktperson|contactpersoon|persona de contacto|pessoa de contato|responsable|referente|osoba kontaktowa|yetkili|контактное лицо|контактна особа|nama kontak|penanggung jawab|nama penerima|nguoi lien he|担当者|お名前|联系人|聯絡人|联络人|聯繫人|recipient|destinatario|destinataire|empfanger|\balici\b|получател|одержувач|收件人|收货人|受取人|お届け先|받는 ?분|수령인|수취인|주문자|المستلم|प्राप्तकर्ता|담당자|대표자|الشخص المسؤول|اسم المسؤول|संपर्क व्यक्ति/,
  ),
  rule(
    'zip',
    'zip',
    /\bzip|^c ?p$|postal|post ?code|\bplz\b|postleitzahl|codigo postal|\bcep\b|\bcap\b|codice postale|code postal|kod pocztowy|posta kodu|индекс|індекс|kode ?pos|ma buu|pin ?code|eircode|郵便番号|〒|邮政编码|邮编|郵遞區號|郵政編碼|邮递区号|우편번호|الرمز البريدي|पिन ?कोड|पिनकोड/,
  ),
  rule('street-number', 'address', /番地|丁目/),
  rule('province', 'state', /\btinh\b|都道府県|縣市|(?:^|\s)省|시 ?도(?:$|\s)/),
  rule(
    'city',
    'city',
    /\bcity|\btown\b|\bort\b|stadt|ciudad|poblacion|localidad|municipio|cidade|localidade|citta|comune|localita|ville|localite|wohnort|\bstad\b|नगर|\bcommune\b|plaats|woonplaats|miasto|miejscowosc|\bsehir|\bilce\b|город|населенн|місто|населений|\bkota\b|kabupaten|thanh pho|市区町村|市町村|城市|(?:^|\s)市(?:$|\s)|시 ?군 ?구|도시|المدينة|शहर|suburb|locality/,
  ),
  rule(
    'country',
    'country',
    /country|\bland\b|\bpais\b|\bpays\b|paese|nazione|\bkraj\b|\bulke\b|страна|країна|negara|quoc gia|(?:^|\s)国(?:$|\s)|国 地域|国名|国家|국가|나라|الدولة|البلد|देश/,
  ),
  rule(
    'state',
    'state',
    /\bstate|province|provinz|bundesland|provincia|provincie|\bestado\b|\bregion|regione|county|\bdistrito\b|wojewodztwo|^il$|^uf$|\boblast\b|область|регион|(?<![а-я])кра[йи](?![а-я])|provinsi|departement|регіон|prefecture|territory|المنطقة|المحافظة|الولاية|الإمارة|राज्य/,
  ),
  rule(
    'address2',
    'address2',
    /(address|addr|street|adresse|direccion|indirizzo|endereco|morada|alamat|adres|line|linea|ligne|zeile|पता पंक्ति) ?(line )?(2|two|ii)\b|\bapt\b|apartment|suite|\bunit\b|\bbldg\b|building|\bflat\b|\bfloor\b|piso|puerta|escalera|numero interior|\bnum int|complemento|complement d adresse|\bcomplement\b|adresszusatz|appartement|batiment|\bandar\b|stiege|\blokal|mieszkan|क्षेत्र|कॉलोनी|\bscala\b|\bpiano\b|\binterno\b|\betage\b|\bboite\b|\bbte\b|detail lainnya|\bblok\b|toa nha|can ho|建物|部屋番号|マンション|ビル名|门牌|楼层|상세 ?주소|나머지 ?주소|квартир|офис|офіс|شقة|مبنى|\bc o\b/,
  ),
  rule(
    'address',
    'address',
    /street|address|adresse|anschrift|stra(ss|ß)e|straat|direccion|domicilio|\bcalle\b|indirizzo|\bvia\b|endereco|logradouro|morada|\brua\b|\brue\b|ulica|\badres\b|адрес|улица|вулиц|адреса|alamat|\bjalan\b|dia chi|so nha|\bduong\b|住所|番地|丁目|地址|街道|주소|العنوان|الشارع|पता|मकान|भवन|गली|सड़क|मार्ग|\baddr\b/,
  ),
  rule(
    'company',
    'businessName',
    /company|business(?! (address|type|hours|category|description|website|phone|e ?mail))|organi[sz]ation|trading name|trade name|doing business as|\bdba\b|\bfirma|\bfirmy\b|firmen|unternehmen|empresa|negocio|nombre comercial|etablissement|enseigne|geschaft|betrieb|nome (dell )?attivita|denominazione|organisat|przedsiebiorstw|фирм|фірм|організац|事業者|单位|اسم النشاط|दुकान|razon social|razao social|nome fantasia|raison sociale|nom commercial|entreprise|societe|azienda|ragione sociale|societa|bedrijf|handelsnaam|\bsirket|isletme|компани|организаци|компані|підприємств|perusahaan|\busaha\b|\bbisnis\b|nama toko|doanh nghiep|cong ty|cua hang|会社|企業|店舗|屋号|法人名|企业|公司|商家|店铺|상호|업체|회사|기업|الشركة|النشاط التجاري|المنشأة|व्यवसाय|कंपनी|फर्म|(listing|site|ad) (name|title)|\b(store|shop|practice|venue|brand) name/,
  ),
  rule(
    BARE_NAME_RULE,
    'contactName',
    /^(your |votre |su |seu |sua |ihr |il tuo |uw |twoje |ваше |anda )?(name|nama|nombre|nome|naam|nom|imie|имя|ім я|isim|isminiz|ad|adi|adiniz|ten|名前|이름|الاسم|اسم|नाम)( anda| optional| opcional)?$/,
  ),
  rule('name', 'contactName', /\bname\b|\bnama\b|\bnombre\b|\bnome\b|имя|名前|이름|नाम/),
];
