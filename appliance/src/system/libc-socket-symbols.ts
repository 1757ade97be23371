/** Raw libc socket calls, for the one thing Bun has no API for: unix datagram sockets. */
import { dlopen, FFIType } from 'bun:ffi';

export const AF_UNIX = 1;
export const SOCK_DGRAM = 2;
/** Linux value on x86_64 and arm64 (02000000 octal). */
export const SOCK_CLOEXEC = 0o2000000;
export const MSG_DONTWAIT = 0x40;
/** sizeof(struct sockaddr_un) on Linux: sa_family_t (2) + sun_path[108]. */
export const SOCKADDR_UN_SIZE = 110;
export const SUN_PATH_MAX = 108;
export const SOL_SOCKET = 1;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
/** Like SO_RCVBUF but past net.core.rmem_max; needs CAP_NET_ADMIN. */
export const SO_RCVBUFFORCE = 33;
export const SO_SNDBUFFORCE = 32;

export function openLibcSockets() {
  return dlopen('libc.so.6', {
    socket: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    bind: { args: [FFIType.i32, FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
    sendto: {
      args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.i32, FFIType.ptr, FFIType.u32],
      returns: FFIType.i64,
    },
    recv: { args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i64 },
    close: { args: [FFIType.i32], returns: FFIType.i32 },
    setsockopt: { args: [FFIType.i32, FFIType.i32, FFIType.i32, FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
    getsockopt: { args: [FFIType.i32, FFIType.i32, FFIType.i32, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
  });
}
