/* mkdocs-material 9.8.1's inline script from partials/javascripts/base.html (MIT licence,
   (c) Martin Donath), served as a file so the site runs under a Content-Security-Policy with no
   inline scripts. The scope is the site root: two folders above this file, as
   base_url is for every page. */
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
