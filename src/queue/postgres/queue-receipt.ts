const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_LENGTH = 36;

export interface DecodedReceipt {
  readonly id: string;
  readonly receipt: string;
}

/** `<delivery uuid>:<message id>`: the uuid changes on every delivery, so an old one cannot act. */
export function encodeReceipt(id: string, receipt: string): string {
  return `${receipt}:${id}`;
}

/** Null for anything this adapter did not hand out (a forged or foreign receipt acts on nothing). */
export function decodeReceipt(value: unknown): DecodedReceipt | null {
  if (typeof value !== 'string' || value.length <= UUID_LENGTH + 1 || value[UUID_LENGTH] !== ':') return null;
  const receipt = value.slice(0, UUID_LENGTH);
  if (!UUID.test(receipt)) return null;
  return { id: value.slice(UUID_LENGTH + 1), receipt };
}

/** The deliveries a batch can act on; anything undecodable is skipped, as a stale receipt is. */
export function decodeReceipts(messages: readonly { readonly receipt: string }[]): DecodedReceipt[] {
  const decoded: DecodedReceipt[] = [];
  for (const message of messages) {
    const delivery = decodeReceipt(message?.receipt);
    if (delivery) decoded.push(delivery);
  }
  return decoded;
}
