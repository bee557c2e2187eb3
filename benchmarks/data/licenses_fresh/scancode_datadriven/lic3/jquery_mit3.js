• jQuery JavaScript Library 
• https://jquery.org/license
• 
