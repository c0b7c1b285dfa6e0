using System.Runtime.InteropServices;
using System.Security;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Turns a SecureString passphrase into a key without leaving a managed string behind: the
/// characters live in a pinned array that is zeroed as soon as the key is derived.
/// </summary>
internal static class SecurePassphrase
{
    public static DataProtectionKey DeriveKey(SecureString passphrase, byte[] salt) =>
        Use(passphrase, chars => DataProtectionKey.FromPassphrase(chars, salt));

    public static T Use<T>(SecureString passphrase, SpanFunc<T> action)
    {
        var chars = GC.AllocateArray<char>(passphrase.Length, pinned: true);
        var unmanaged = IntPtr.Zero;
        try
        {
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(passphrase);
            Marshal.Copy(unmanaged, chars, 0, chars.Length);
            return action(chars);
        }
        finally
        {
            if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            Array.Clear(chars);
        }
    }

    public delegate T SpanFunc<out T>(ReadOnlySpan<char> passphrase);
}
