/** Messages between the event loop and the hashing thread. */
export type HashRequest =
  | { readonly type: 'start'; readonly id: number; readonly algorithm: string }
  | { readonly type: 'data'; readonly id: number; readonly chunk: ArrayBuffer }
  | { readonly type: 'end'; readonly id: number }
  | { readonly type: 'abort'; readonly id: number };

export type HashReply =
  | { readonly type: 'ack'; readonly id: number; readonly bytes: number }
  | { readonly type: 'done'; readonly id: number; readonly md5: string; readonly checksumBase64: string }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
