• jQuery JavaScript Library 
• http://jquery.org/license
• 
