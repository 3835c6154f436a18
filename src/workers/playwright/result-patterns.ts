/**
 * Wording of result pages, several languages. Patterns run over lowercased text with curly quotes
 * straightened. Order of use lives in outcome-classifier.ts.
 */
export const CAPTCHA_TEXT =
  /i'?m not a robot|i am not a robot|verify (that )?you are (a )?human|prove you('re| are) (a )?human|complete the (captcha|security check)|captcha (is |was )?(required|incorrect|invalid|wrong|failed)|(wrong|incorrect|invalid) captcha|checking your browser before|ich bin kein roboter|je ne suis pas un robot|no soy un robot/;

export const LOGIN_TEXT =
  /please (log|sign) ?in\b|you (must|need to) be (logged|signed) in|(log|sign) ?in to (continue|submit|add|proceed|your account)|login required|your session (has )?expired|bitte (melden sie sich an|einloggen)|veuillez vous connecter|inicie sesión para/;

export const VERIFICATION_TEXT =
  /(verify|confirm) your (e-?mail|email address|account)|click (on )?the (verification|confirmation|activation) link|activate your (account|listing)|(verification|activation) (link|e-?mail) (has been |was )?sent|bestätigen sie ihre e-?mail|confirmez votre (adresse )?e-?mail/;

export const DUPLICATE_TEXT =
  /already (exists?|listed|registered|submitted|in (our|the) (directory|database))|\bduplicate (listing|entry|submission|business|record)|\bis a duplicate|has already been (added|submitted|listed|taken|registered)|is already taken|existiert bereits|bereits (vorhanden|eingetragen|registriert)|existe déjà|déjà (inscrit|enregistré|répertorié)|ya existe|ya está registrad|già (esistente|presente)|bestaat al|já existe/;

export const TRANSIENT_TEXT =
  /temporarily unavailable|service unavailable|try again later|please try again in|too many requests|rate limit|internal server error|bad gateway|gateway time-?out|down for maintenance|under maintenance|vorübergehend nicht verfügbar|später (erneut|noch einmal)|temporairement indisponible|réessayer plus tard|temporalmente no disponible|más tarde/;

/** Unambiguous errors: they win over success wording shown on the same page. */
export const STRONG_ERROR_TEXT =
  /this field is required|\bis required\b|required field (is )?missing|\bis (invalid|not valid)\b|\binvalid (e-?mail|phone|url|website|address|zip|postal|value|input|format|characters)|please (correct|fix) |errors? (occurred|below|in the form|in your submission)|could not be (submitted|saved|processed)|(submission|request) failed|ist ein pflichtfeld|ist ungültig|est obligatoire|est invalide|es obligatorio|no es válido/;

/** Ambiguous (a re-rendered form's "(required)" labels): only used when nothing better matched. */
export const WEAK_ERROR_TEXT =
  /\brequired\b|\binvalid\b|please (enter|provide|fill|select|choose)\b|\berror\b|\bfailed\b|pflichtfeld|ungültig|obligatoire|obligatorio|inválido/;

export const SUCCESS_TEXT =
  /thank(s| you)|\bsubmitted\b|submission (was )?(received|successful|complete)|(has|have) been (received|submitted|created|added|sent|saved|published)|received your|successfully|\bsuccess\b|pending (review|approval|moderation)|(under|awaiting) (review|approval|moderation)|we('ll| will) review|listing (was |has been |is )?(created|live|published)|vielen dank|\bdanke\b|erfolgreich|eingereicht|eingegangen|\bmerci\b|envoyé avec succès|bien (reçu|envoyé|enregistré)|en attente de (validation|modération)|\bgracias\b|enviado correctamente|hemos recibido|\bgrazie\b|inviato con successo|obrigad[oa]|\bbedankt\b|ingediend/;

export const LOGIN_URL =
  /\/(login|log-in|signin|sign-in|sign_in|sign-on|auth\/login|account\/login|user\/login|wp-login\.php)(\/|$|\?|#|\.)/i;

export const LISTING_LINK_TEXT =
  /view (your |the )?listing|see (your |the )?listing|your listing|listing page|view (your )?(business|profile|entry)/;
export const LISTING_LINK_HREF = /\/(listing|listings|business|businesses|biz|company|companies|profile|place|entry)\/[^/?#]+/i;
