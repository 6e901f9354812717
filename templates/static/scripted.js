// The page is scripted: laid out for the search box and the filter before it is drawn.
document.documentElement.classList.add("js");
