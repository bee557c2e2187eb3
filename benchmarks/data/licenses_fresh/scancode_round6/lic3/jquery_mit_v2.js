• jQuery JavaScript Library v1.4.2
• http://jquery.com/
• 
• Copyright 2010, John Resig
• Dual licensed under the MIT or GPL Version 2 licenses.
• http://jquery.org/license
• 
• Includes Sizzle.js
• http://sizzlejs.com/
• Copyright 2010, The Dojo Foundation
• Released under the MIT, BSD, and GPL Licenses.
 *  More information: http://sizzlejs.com/
