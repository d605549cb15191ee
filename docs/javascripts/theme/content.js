/* mkdocs-material 9.8.1's inline script from partials/javascripts/content.html (MIT licence,
   (c) Martin Donath), served as a file so the site runs under a Content-Security-Policy with no
   inline scripts. Opens a tab named in the address. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
