/**
 * The one shape of every event and command: a type tag and its data. Unions of these are
 * discriminated on `type`, so narrowing on the tag narrows the data.
 */
export type Event<Type extends string = string, Data = unknown> = { readonly type: Type; readonly data: ReadonlyData<Data> };

export type Command<Type extends string = string, Data = unknown> = { readonly type: Type; readonly data: ReadonlyData<Data> };

/** Readonly fields; data of no known shape stays `unknown` (Readonly<unknown> would be `{}`). */
type ReadonlyData<Data> = unknown extends Data ? unknown : Readonly<Data>;

/** The event types a reader handles, typed by the union they belong to (a misspelt type does not compile). */
export type EventTypes<E extends Event> = readonly E['type'][];
