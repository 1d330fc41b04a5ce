/** Messages between the event loop and the hashing thread. */
export type HashRequest =
  | { readonly type: 'start'; readonly id: number; readonly algorithm: string }
  /** `chunk` is a pooled slot; its first `length` bytes are the data. */
  | { readonly type: 'data'; readonly id: number; readonly chunk: ArrayBuffer; readonly length: number }
  | { readonly type: 'end'; readonly id: number }
  | { readonly type: 'abort'; readonly id: number };

export type HashReply =
  /** The slot travels back with the ack, for reuse. */
  | { readonly type: 'ack'; readonly id: number; readonly bytes: number; readonly slot: ArrayBuffer }
  | { readonly type: 'done'; readonly id: number; readonly md5: string; readonly checksumBase64: string }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
